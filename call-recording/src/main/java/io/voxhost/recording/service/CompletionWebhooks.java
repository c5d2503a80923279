package io.voxhost.recording.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.recording.RecordingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * The completion webhook: a JSON notice POSTed to the tenant's URL when a recording completes,
 * signed with its secret, with a 5 s connect and 10 s answer timeout, retried with exponential
 * back-off ({@code webhook-retry-base}, doubling, {@code webhook-attempts} in all) on anything but
 * a 2xx. At most {@code webhook-queue} notices wait at once; beyond that they are dropped and
 * counted. Nothing here ever blocks capture or assembly.
 */
@ApplicationScoped
public class CompletionWebhooks {

  private static final Logger LOG = Logger.getLogger(CompletionWebhooks.class);

  private final RecordingConfig config;
  private final TenantSettings settings;
  private final ObjectMapper json;
  private final Semaphore room;
  private final HttpClient http;
  private final Counter delivered;
  private final Counter failed;
  private final Counter dropped;
  private final RoleThreads threads;
  private ScheduledExecutorService timer;

  CompletionWebhooks(
      RecordingConfig config,
      TenantSettings settings,
      ObjectMapper json,
      Meters registry,
      RoleThreads threads) {
    this.config = config;
    this.threads = threads;
    this.settings = settings;
    this.json = json;
    this.room = new Semaphore(config.webhookQueue());
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.delivered = counter(registry, "delivered");
    this.failed = counter(registry, "failed");
    this.dropped = counter(registry, "dropped");
  }

  private static Counter counter(Meters registry, String outcome) {
    return registry.counter(
        MeterName.of("recording", "webhooks"),
        "Completion webhook notices, by what became of them",
        "outcome",
        outcome);
  }

  public synchronized void start() {
    timer = threads.timer("recording", "webhooks", 2);
  }

  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  /** Notifies the recording's tenant, if it asked to be. */
  public void completed(Recording r) {
    TenantRules rules = settings.of(r.tenantId());
    if (rules.webhookUrl() == null) {
      return;
    }
    ScheduledExecutorService t = timer;
    if (t == null || !room.tryAcquire()) {
      dropped.increment();
      LOG.warnf("Recording %s: webhook notice dropped, the queue is full", r.id());
      return;
    }
    byte[] body = body(r);
    t.execute(() -> attempt(rules, body, r, 1));
  }

  private void attempt(TenantRules rules, byte[] body, Recording r, int attempt) {
    boolean done = false;
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(rules.webhookUrl()))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .header("User-Agent", "voxhost-recording")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (rules.webhookSecret() != null) {
        request.header("X-Voxhost-Signature", "sha256=" + hmac(rules.webhookSecret(), body));
      }
      int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      done = status >= 200 && status < 300;
      if (!done) {
        LOG.debugf("Recording %s: webhook answered %d (attempt %d)", r.id(), status, attempt);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      room.release();
      return;
    } catch (Exception e) {
      LOG.debugf("Recording %s: webhook attempt %d: %s", r.id(), attempt, e.toString());
    }
    if (done) {
      delivered.increment();
      room.release();
      return;
    }
    ScheduledExecutorService t = timer;
    if (attempt >= config.webhookAttempts() || t == null) {
      failed.increment();
      room.release();
      LOG.warnf("Recording %s: webhook to %s failed %d times", r.id(), rules.webhookUrl(), attempt);
      return;
    }
    long delay = config.webhookRetryBase().toMillis() << Math.min(attempt - 1, 20);
    t.schedule(() -> attempt(rules, body, r, attempt + 1), delay, TimeUnit.MILLISECONDS);
  }

  private byte[] body(Recording r) {
    Map<String, Object> recording = new LinkedHashMap<>();
    recording.put("id", r.id());
    recording.put("status", r.status());
    recording.put("callId", r.callId());
    recording.put("from", r.from());
    recording.put("to", r.to());
    recording.put("startedAt", r.startedAt().toString());
    recording.put("durationMs", r.durationMs());
    recording.put("channels", r.channels());
    recording.put("sizeBytes", r.sizeBytes());
    recording.put("sha256", r.sha256());
    recording.put("truncated", r.truncated());
    recording.put("audio", "/api/v1/recordings/" + r.id() + ".wav");
    try {
      return json.writeValueAsBytes(Map.of("event", "recording.completed", "recording", recording));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
