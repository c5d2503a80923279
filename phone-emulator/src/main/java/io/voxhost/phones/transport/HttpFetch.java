package io.voxhost.phones.transport;

import io.voxhost.phones.service.FileSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/** A phone's HTTP(S) provisioning fetch ({@code GET /provision/<name>}), with Basic credentials. */
public final class HttpFetch implements FileSource {

  private final HttpClient client;
  private final URI base;
  private final Duration timeout;

  public HttpFetch(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * The file over HTTP. It leaves from the machine's default address: Java 17's client cannot bind
   * another, so the node sees every phone's HTTP fetch from one source.
   */
  @Override
  public byte[] fetch(String name, String userAgent, String from)
      throws IOException, InterruptedException {
    return fetch(name, Optional.empty(), Optional.empty(), userAgent);
  }

  /** The file's bytes, with Basic credentials when given; {@code userAgent} as the phone says. */
  public byte[] fetch(
      String name, Optional<String> user, Optional<String> password, String userAgent)
      throws IOException, InterruptedException {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(base.resolve("/provision/" + name))
            .timeout(timeout)
            .header("User-Agent", userAgent)
            .GET();
    if (user.isPresent() && password.isPresent()) {
      r.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      (user.get() + ":" + password.get()).getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<byte[]> response = client.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new FileSource.Refused("HTTP " + response.statusCode());
    }
    return response.body();
  }
}
