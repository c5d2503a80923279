package io.voxhost.cnam.transport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import io.voxhost.cnam.CnamConfig;
import io.voxhost.cnam.service.DipFailure;
import io.voxhost.cnam.service.DipOutcome;
import io.voxhost.cnam.service.ProviderHttp;
import io.voxhost.cnam.service.ProviderSpec;
import io.voxhost.cnam.service.ProviderTargets;
import io.voxhost.platform.net.OutboundTarget;
import io.voxhost.platform.net.TargetRefused;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Dips over HTTP with Vert.x's client, for {@code WebhookClient}'s reason: it connects to the
 * address the outbound check resolved and allowed ({@link RequestOptions#setServer}) while the
 * URL's host stays in the Host header, SNI and the certificate check. Unlike webhooks, each
 * provider keeps a pool of kept-alive connections (a dip is latency). The certificate is verified
 * against the JDK's trust store or {@code voxhost.cnam.trust-certificates}; no redirect is
 * followed; the body is counted and a longer one than {@code max-body} resets the request; JSON is
 * read under tight {@link StreamReadConstraints}. The Authorization value is sent, never logged.
 */
@ApplicationScoped
public class ProviderClient implements ProviderHttp {

  private static final Logger LOG = Logger.getLogger(ProviderClient.class);

  /** One provider's connections and how its answers are read. */
  private record Endpoint(HttpClient client, ObjectMapper json, JsonPointer pointer) {}

  private final Vertx vertx;
  private final ProviderTargets targets;
  private final Optional<Path> trustCertificates;
  private final Map<ProviderSpec, Endpoint> endpoints = new ConcurrentHashMap<>();

  @Inject
  ProviderClient(Vertx vertx, ProviderTargets targets, CnamConfig config) {
    this(vertx, targets, config.trustCertificates());
  }

  /** A client trusting {@code trustCertificates} (PEM) instead of the JDK's store when given. */
  public ProviderClient(Vertx vertx, ProviderTargets targets, Optional<Path> trustCertificates) {
    this.vertx = vertx;
    this.targets = targets;
    this.trustCertificates = trustCertificates;
  }

  @PreDestroy
  void close() {
    endpoints.values().forEach(e -> e.client().close());
    endpoints.clear();
  }

  @Override
  public CompletionStage<Optional<String>> dip(ProviderSpec provider, String e164) {
    CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
    OutboundTarget target;
    try {
      target = targets.check(provider.url(e164));
    } catch (TargetRefused e) {
      LOG.debugf("%s refused: %s", provider, e.getMessage());
      answer.completeExceptionally(new DipFailure(DipOutcome.FAILED, e.getMessage()));
      return answer;
    }
    Endpoint endpoint = endpoints.computeIfAbsent(provider, this::endpoint);
    long timeoutMs = Math.max(1, provider.timeout().toMillis());
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setServer(
                SocketAddress.inetSocketAddress(
                    new InetSocketAddress(target.address(), target.port())))
            .setHost(target.host())
            .setPort(target.port())
            .setSsl(target.https())
            .setURI(target.requestTarget())
            .setFollowRedirects(false)
            .setConnectTimeout(Math.max(1, provider.connectTimeout().toMillis()))
            .setIdleTimeout(timeoutMs)
            .putHeader(HttpHeaders.ACCEPT, "application/json");
    if (provider.authHeader() != null) {
      options.putHeader(HttpHeaders.AUTHORIZATION, provider.authHeader());
    }
    long deadline =
        vertx.setTimer(
            timeoutMs,
            id ->
                answer.completeExceptionally(
                    new DipFailure(DipOutcome.TIMEOUT, "no answer in " + timeoutMs + " ms")));
    answer.whenComplete((a, f) -> vertx.cancelTimer(deadline));
    endpoint
        .client()
        .request(options)
        .onFailure(
            failure ->
                answer.completeExceptionally(
                    new DipFailure(DipOutcome.FAILED, "could not connect: " + failure)))
        .onSuccess(request -> send(request, provider, endpoint, answer));
    return answer;
  }

  private void send(
      HttpClientRequest request,
      ProviderSpec provider,
      Endpoint endpoint,
      CompletableFuture<Optional<String>> answer) {
    // The deadline (or a failure elsewhere) ends the request, so its connection is not reused. An
    // answer read to its end (a 500, say) leaves a connection the pool may already have handed to
    // the next request: resetting it then would break that one.
    AtomicBoolean readToEnd = new AtomicBoolean();
    answer.whenComplete(
        (a, f) -> {
          if (f != null && !readToEnd.get()) {
            request.reset(0, f);
          }
        });
    request
        .send()
        .onFailure(
            failure ->
                answer.completeExceptionally(
                    new DipFailure(DipOutcome.FAILED, "the request failed: " + failure)))
        .onSuccess(
            response -> {
              int status = response.statusCode();
              Buffer body = Buffer.buffer();
              response.exceptionHandler(
                  failure ->
                      answer.completeExceptionally(
                          new DipFailure(DipOutcome.FAILED, "the answer broke off: " + failure)));
              response.handler(
                  chunk -> {
                    if (answer.isDone()) {
                      return;
                    }
                    if (body.length() + chunk.length() > provider.maxBody()) {
                      answer.completeExceptionally(
                          new DipFailure(
                              DipOutcome.OVERSIZED,
                              "an answer longer than " + provider.maxBody() + " bytes"));
                      return;
                    }
                    body.appendBuffer(chunk);
                  });
              response.endHandler(
                  end -> {
                    readToEnd.set(true);
                    if (!answer.isDone()) {
                      read(status, body, provider, endpoint, answer);
                    }
                  });
            });
  }

  private static void read(
      int status,
      Buffer body,
      ProviderSpec provider,
      Endpoint endpoint,
      CompletableFuture<Optional<String>> answer) {
    if (provider.notFoundStatuses().contains(status)) {
      answer.complete(Optional.empty());
      return;
    }
    if (status == 429) {
      answer.completeExceptionally(new DipFailure(DipOutcome.RATE_LIMITED, "status 429"));
      return;
    }
    if (status < 200 || status > 299) {
      answer.completeExceptionally(new DipFailure(DipOutcome.FAILED, "status " + status));
      return;
    }
    JsonNode tree;
    try {
      tree = endpoint.json().readTree(body.getBytes());
    } catch (IOException | RuntimeException e) {
      answer.completeExceptionally(new DipFailure(DipOutcome.BAD_JSON, "not JSON: " + e));
      return;
    }
    if (tree == null || tree.isMissingNode()) {
      answer.completeExceptionally(new DipFailure(DipOutcome.BAD_JSON, "an empty answer"));
      return;
    }
    JsonNode name = tree.at(endpoint.pointer());
    answer.complete(name.isTextual() ? Optional.of(name.textValue()) : Optional.empty());
  }

  private Endpoint endpoint(ProviderSpec provider) {
    HttpClientOptions options =
        new HttpClientOptions()
            .setConnectTimeout((int) Math.max(1, provider.connectTimeout().toMillis()))
            .setKeepAlive(true)
            .setForceSni(true)
            .setVerifyHost(true)
            .setTrustAll(false)
            .setMaxRedirects(0);
    trustCertificates.ifPresent(
        pem -> options.setTrustOptions(new PemTrustOptions().addCertPath(pem.toString())));
    HttpClient client =
        vertx.createHttpClient(
            options, new PoolOptions().setHttp1MaxSize(provider.maxConcurrent()));
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxNumberLength(64)
                    .maxStringLength(provider.maxBody())
                    .build())
            .build();
    return new Endpoint(
        client, new ObjectMapper(factory), JsonPointer.compile(provider.namePointer()));
  }
}
