package io.voxhost.phones.transport;

import io.voxhost.phones.service.FileRequest;
import io.voxhost.phones.service.FileSource;
import io.voxhost.phones.service.Handset;
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

  /** Fetches from {@code base} (HTTP or HTTPS, its certificate checked against {@code tls}). */
  public HttpFetch(URI base, Duration timeout, javax.net.ssl.SSLContext tls) {
    this.base = base;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).sslContext(tls).build();
  }

  /**
   * The file over HTTP. It leaves from the machine's default address: Java 17's client cannot bind
   * another, so the node sees every phone's HTTP fetch from one source.
   */
  @Override
  public byte[] fetch(FileRequest r) throws IOException, InterruptedException {
    return fetch(
        r.name(),
        r.login().map(Handset.Login::user),
        r.login().map(Handset.Login::password),
        r.userAgent());
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
