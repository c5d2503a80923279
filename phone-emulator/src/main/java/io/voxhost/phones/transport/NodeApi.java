package io.voxhost.phones.transport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A node's HTTP API with a tenant key: every request carries the key as a bearer token and has a
 * timeout, so a node that stops answering fails the request rather than the run.
 */
final class NodeApi {

  private final HttpClient client;
  private final URI base;
  private final String key;

  NodeApi(URI base, String key, javax.net.ssl.SSLContext tls) {
    this.base = base;
    this.key = key;
    this.client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(tls).build();
  }

  /** A request to {@code path} (with its query) with the key, and at most {@code timeout}. */
  HttpRequest.Builder request(String path, Duration timeout) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(timeout)
        .header("Authorization", "Bearer " + key);
  }

  /** {@code method path} with a body of {@code type}, or a GET when the body is null. */
  HttpRequest build(String method, String path, String type, String body, Duration timeout) {
    HttpRequest.Builder r = request(path, timeout);
    if (body == null) {
      return r.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
    return r.header("Content-Type", type)
        .method(method, HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
      throws IOException, InterruptedException {
    return client.send(request, body);
  }

  CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The body of a 2xx answer; any other status is an IOException naming it. */
  String expect2xx(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IOException(
          request.method()
              + " "
              + request.uri().getPath()
              + ": HTTP "
              + r.statusCode()
              + " "
              + r.body());
    }
    return r.body();
  }
}
