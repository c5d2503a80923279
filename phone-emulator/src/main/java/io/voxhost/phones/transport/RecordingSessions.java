package io.voxhost.phones.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxhost.phones.codec.ChannelSound;
import io.voxhost.phones.codec.WavHeader;
import io.voxhost.phones.service.CallRecorder;
import io.voxhost.phones.service.RecordingArchive;
import io.voxhost.phones.service.RequestRefused;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The recording role's API as a forking media server and a business use it: capture sessions opened
 * and stopped (at most {@code maxInFlight} requests at once, each with a timeout), and recordings
 * read back with the first bytes of their WAV.
 */
public final class RecordingSessions implements CallRecorder, RecordingArchive {

  /** Bytes of a WAV read to find its header: the node writes the data chunk within the first 44. */
  static final int HEAD = 1024;

  /** A download stops this far past what the row says the file holds. */
  static final long SLACK = 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final NodeApi api;
  private final String codec;
  private final Semaphore inFlight;

  public RecordingSessions(
      URI base, String key, javax.net.ssl.SSLContext tls, String codec, int maxInFlight) {
    this.api = new NodeApi(base, key, tls);
    this.codec = codec;
    this.inFlight = new Semaphore(maxInFlight);
  }

  @Override
  public CompletableFuture<Tap> open(String callId, String from, String to, String source) {
    ObjectNode body = JSON.createObjectNode();
    body.put("callId", callId).put("from", from).put("to", to).put("direction", "internal");
    body.put("codec", codec);
    body.putArray("legs")
        .add(JSON.createObjectNode().put("label", "caller").put("source", source))
        .add(JSON.createObjectNode().put("label", "callee").put("source", source));
    body.putObject("metadata").put("emulator", "voxhost-phones");
    return call("POST", "/api/v1/recordings/sessions", body.toString(), "recording-open")
        .thenApply(
            r -> {
              try {
                JsonNode legs = JSON.readTree(r).path("legs");
                return new Tap(
                    JSON.readTree(r).path("id").asText(), leg(legs.get(0)), leg(legs.get(1)));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  @Override
  public CompletableFuture<Void> stop(String id) {
    return call("POST", "/api/v1/recordings/sessions/" + id + "/stop", null, "recording-stop")
        .thenApply(r -> null);
  }

  private CompletableFuture<String> call(String method, String path, String body, String kind) {
    if (!inFlight.tryAcquire()) {
      return CompletableFuture.failedFuture(new RequestRefused(kind + "-busy"));
    }
    CompletableFuture<HttpResponse<String>> sent;
    try {
      sent = api.sendAsync(api.build(method, path, "application/json", body, TIMEOUT));
    } catch (RuntimeException e) {
      inFlight.release();
      throw e;
    }
    return sent.whenComplete((r, e) -> inFlight.release())
        .thenApply(
            r -> {
              if (r.statusCode() / 100 != 2) {
                throw new RequestRefused(kind + "-" + r.statusCode());
              }
              return r.body();
            });
  }

  private static InetSocketAddress leg(JsonNode leg) {
    return new InetSocketAddress(leg.path("host").asText(), leg.path("port").asInt());
  }

  @Override
  public Stored stored(String id, Duration wait) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    JsonNode row;
    while (true) {
      row =
          JSON.readTree(
              api.expect2xx(api.request("/api/v1/recordings/" + id, TIMEOUT).GET().build()));
      String status = row.path("status").asText();
      boolean settled = !status.equals("in-progress") && !status.equals("processing");
      if (settled || System.nanoTime() > deadline) {
        break;
      }
      Thread.sleep(200);
    }
    List<Leg> legs = new ArrayList<>();
    row.path("legs")
        .forEach(
            l ->
                legs.add(
                    new Leg(
                        l.path("label").asText(),
                        l.path("packets").asLong(),
                        l.path("lost").asLong())));
    String status = row.path("status").asText();
    return new Stored(
        status,
        row.path("durationMs").asLong(),
        row.path("channels").asInt(),
        legs,
        status.equals("completed")
            ? download(id, row.path("sizeBytes").asLong())
            : Optional.empty());
  }

  /**
   * The WAV, read whole as a business fetches it: its header from the first bytes, then every byte
   * counted and each channel's sound measured; at most {@link #SLACK} past the row's size is read.
   */
  private Optional<Download> download(String id, long rowSize)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> r =
        api.send(
            api.request("/api/v1/recordings/" + id + ".wav", Duration.ofMinutes(5)).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      if (r.statusCode() != 200) {
        return Optional.empty();
      }
      byte[] head = in.readNBytes(HEAD);
      Optional<WavHeader> header = WavHeader.parse(head);
      if (header.isEmpty()) {
        return Optional.empty();
      }
      WavHeader h = header.get();
      ChannelSound sound = new ChannelSound(Math.max(1, h.channels()), h.format() == 6);
      long dataEnd = h.dataOffset() + h.dataBytes();
      long bytes = head.length;
      sound.add(
          head, h.dataOffset(), (int) Math.max(0, Math.min(head.length, dataEnd) - h.dataOffset()));
      byte[] buffer = new byte[64 * 1024];
      long limit = Math.max(rowSize, dataEnd) + SLACK;
      int n;
      while (bytes < limit && (n = in.read(buffer)) > 0) {
        long before = bytes;
        bytes += n;
        long from = Math.max(before, h.dataOffset());
        long to = Math.min(bytes, dataEnd);
        if (to > from) {
          sound.add(buffer, (int) (from - before), (int) (to - from));
        }
      }
      List<Double> shares = new ArrayList<>();
      for (double d : sound.shares()) {
        shares.add(d);
      }
      return Optional.of(new Download(h, bytes, shares));
    }
  }
}
