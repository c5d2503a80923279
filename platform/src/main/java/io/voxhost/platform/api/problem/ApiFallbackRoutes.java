package io.voxhost.platform.api.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What happens under {@code /api} outside the REST layer, answered as problem+json instead of
 * Vert.x's plain text: routes no resource takes, bodies over the size limit, and failures raised
 * below the resources.
 */
@ApplicationScoped
public class ApiFallbackRoutes {

  private final long maxBodyBytes;

  ApiFallbackRoutes(
      @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M")
          MemorySize maxBodySize) {
    this.maxBodyBytes = maxBodySize.asLongValue();
  }

  void install(@Observes Router router) {
    router.route("/api/*").order(Integer.MIN_VALUE).handler(this::refuseOversizedBody);
    router.route("/api/*").order(Integer.MIN_VALUE).failureHandler(ApiFallbackRoutes::failure);
    router.route("/api/*").order(Integer.MAX_VALUE - 100).handler(ApiFallbackRoutes::notFound);
  }

  /** A declared length over the limit is refused before a byte of the body is read. */
  private void refuseOversizedBody(RoutingContext ctx) {
    String length = ctx.request().getHeader("Content-Length");
    if (length != null && exceeds(length)) {
      // The unread body would follow on this connection: answer, then close it.
      ctx.response().putHeader("Connection", "close");
      write(ctx, 413, "request body over the limit of " + maxBodyBytes + " bytes")
          .onComplete(done -> ctx.request().connection().close());
      return;
    }
    ctx.next();
  }

  private boolean exceeds(String length) {
    try {
      return Long.parseLong(length.trim()) > maxBodyBytes;
    } catch (NumberFormatException e) {
      return false; // Vert.x refuses a malformed Content-Length itself.
    }
  }

  private static void notFound(RoutingContext ctx) {
    write(ctx, 404, "no resource at " + ctx.normalizedPath());
  }

  private static void failure(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.next();
      return;
    }
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    write(ctx, status, status == 413 ? "request body too large" : null);
  }

  private static Future<Void> write(RoutingContext ctx, int status, String detail) {
    return send(ctx, ApiProblem.ofStatus(status, detail));
  }

  /** Answers {@code ctx} with {@code problem} as problem+json, outside the REST layer. */
  public static Future<Void> send(RoutingContext ctx, ApiProblem problem) {
    problem.headers().forEach((name, value) -> ctx.response().putHeader(name, value));
    return ctx.response()
        .setStatusCode(problem.status())
        .putHeader("Content-Type", Problem.MEDIA_TYPE)
        .end(Json.encode(problem.toProblem(ctx.normalizedPath())));
  }
}
