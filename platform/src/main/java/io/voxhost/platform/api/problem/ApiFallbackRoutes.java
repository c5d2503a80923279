package io.voxhost.platform.api.problem;

import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * What happens under {@code /api} outside the REST layer, answered as problem+json instead of
 * Vert.x's plain text: routes no resource takes and failures raised below the resources (bodies
 * over their limit are {@link io.voxhost.platform.api.BodyLimits}'s).
 */
@ApplicationScoped
public class ApiFallbackRoutes {

  void install(@Observes Router router) {
    router.route("/api/*").order(Integer.MIN_VALUE).failureHandler(ApiFallbackRoutes::failure);
    router.route("/api/*").order(Integer.MAX_VALUE - 100).handler(ApiFallbackRoutes::notFound);
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
    send(
        ctx,
        status == 413
            ? ApiProblem.payloadTooLarge("request body too large")
            : ApiProblem.ofStatus(status, null));
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
