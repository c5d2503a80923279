package io.voxhost.cnam.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.voxhost.cnam.api.CallerName;
import io.voxhost.cnam.api.CallerNames;
import io.voxhost.platform.api.auth.BearerAuthentication;
import io.voxhost.platform.service.KeyOwner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /api/v1/cnam/{number}} for the answers memory already holds, on the event loop and in
 * front of RESTEasy: a caller's name is read while the phone rings, and for a memory hit the JAX-RS
 * routing, filter chain and request context cost several times the lookup itself.
 *
 * <p>It answers only where {@link CallerNameResource#lookup} would answer the same 200: the node's
 * other routes have run (role gate, body limits), memory admits the key to this call ({@link
 * BearerAuthentication#admittedFromMemory}), the key acts for a tenant, the client takes JSON, and
 * memory knows the answer. Every other request, refusals and lookups that must wait included, goes
 * on to the resource unchanged.
 */
@ApplicationScoped
public class MemoryLookupRoute {

  private static final String PREFIX = "/api/v1/cnam/";
  private static final CharSequence JSON =
      HttpHeaders.createOptimized("application/json;charset=UTF-8");

  private final BearerAuthentication authentication;
  private final CallerNames names;
  private final ObjectMapper json;

  MemoryLookupRoute(BearerAuthentication authentication, CallerNames names, ObjectMapper json) {
    this.authentication = authentication;
    this.names = names;
    this.json = json;
  }

  void install(@Observes Router router) {
    // After the platform's own routes (MIN_VALUE, upload limits) and before RESTEasy's.
    router
        .get(PREFIX + ":number")
        .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
        .handler(this::answer);
  }

  private void answer(RoutingContext ctx) {
    Optional<byte[]> body = fromMemory(ctx);
    if (body.isEmpty()) {
      ctx.next();
      return;
    }
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(Buffer.buffer(body.get()));
  }

  private Optional<byte[]> fromMemory(RoutingContext ctx) {
    HttpServerRequest http = ctx.request();
    if (!takesJson(http.getHeader(HttpHeaders.ACCEPT))) {
      return Optional.empty();
    }
    // The path as JAX-RS hands it to the scope check: decoded, so "%2B1415..." reads "+1415...".
    String number = ctx.pathParam("number");
    Optional<UUID> tenant =
        authentication.admittedFromMemory(http, PREFIX + number).flatMap(KeyOwner::tenantId);
    if (tenant.isEmpty()) {
      return Optional.empty();
    }
    Optional<CallerName> known = names.inMemory(tenant.get(), number);
    if (known.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(json.writeValueAsBytes(known.get()));
    } catch (JsonProcessingException e) {
      // The resource then writes it, or reports why it cannot.
      return Optional.empty();
    }
  }

  /**
   * No Accept header, or one that plainly names JSON or anything; anything subtler (a zero q-value,
   * another type) is left to JAX-RS content negotiation.
   */
  static boolean takesJson(String accept) {
    if (accept == null) {
      return true;
    }
    if (accept.contains("q=0") || accept.contains("Q=0")) {
      return false;
    }
    return accept.contains("application/json") || accept.contains("*/*");
  }
}
