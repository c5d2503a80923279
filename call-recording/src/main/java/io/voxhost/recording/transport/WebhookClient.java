package io.voxhost.recording.transport;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.voxhost.platform.net.OutboundTarget;
import io.voxhost.recording.RecordingConfig;
import io.voxhost.recording.service.NoticeSender;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * Sends webhook notices with Vert.x's HTTP client because it can connect to a given address while
 * naming another host ({@link RequestOptions#setServer}): the address the check resolved and
 * allowed, with the URL's host in the Host header, SNI and the certificate check. The JDK's client
 * resolves the host again on its own, which would undo the check (DNS rebinding).
 *
 * <p>5 s to connect; the answer's status within 10 s of the request, whether or not bytes trickle
 * in (a deadline of its own, not an idle timeout); one connection per notice, closed once the
 * status is read, so no body is ever read or buffered.
 */
@ApplicationScoped
public class WebhookClient implements NoticeSender {

  static final int CONNECT_TIMEOUT_MS = 5_000;
  static final long ANSWER_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final HttpClient client;

  WebhookClient(Vertx vertx, RecordingConfig config) {
    this.vertx = vertx;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout(CONNECT_TIMEOUT_MS)
                .setKeepAlive(false)
                .setForceSni(true)
                .setVerifyHost(true)
                .setMaxRedirects(0),
            new PoolOptions().setHttp1MaxSize(config.webhookSends()));
  }

  @PreDestroy
  void close() {
    client.close();
  }

  @Override
  public CompletionStage<Integer> post(
      OutboundTarget target, Map<String, String> headers, byte[] body) {
    CompletableFuture<Integer> answer = new CompletableFuture<>();
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setServer(
                SocketAddress.inetSocketAddress(
                    new InetSocketAddress(target.address(), target.port())))
            .setHost(target.host())
            .setPort(target.port())
            .setSsl(target.https())
            .setURI(target.requestTarget())
            .setFollowRedirects(false)
            .setConnectTimeout(CONNECT_TIMEOUT_MS)
            .setIdleTimeout(ANSWER_TIMEOUT_MS);
    headers.forEach(options::putHeader);
    client
        .request(options)
        .onFailure(answer::completeExceptionally)
        .onSuccess(
            request -> {
              long deadline =
                  vertx.setTimer(
                      ANSWER_TIMEOUT_MS,
                      id -> {
                        TimeoutException late =
                            new TimeoutException("no answer in " + ANSWER_TIMEOUT_MS + " ms");
                        request.reset(0, late);
                        answer.completeExceptionally(late);
                      });
              request
                  .send(Buffer.buffer(body))
                  .onComplete(
                      done -> {
                        vertx.cancelTimer(deadline);
                        if (done.failed()) {
                          answer.completeExceptionally(done.cause());
                          return;
                        }
                        answer.complete(done.result().statusCode());
                        close(request);
                      });
            });
    return answer;
  }

  /** Drops the connection rather than read a body nobody needs. */
  private static void close(HttpClientRequest request) {
    if (request.connection() != null) {
      request.connection().close();
    }
  }
}
