package io.voxhost.platform.api.problem;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Requests under {@code /api} that no resource takes, and failures raised below the REST layer
 * (body too large, broken connections), answered as problem+json instead of Vert.x's plain text.
 */
@ApplicationScoped
public class UnknownApiRoutes {

  void install(@Observes Router router) {
    router.route("/api/*").order(Integer.MAX_VALUE - 100).handler(UnknownApiRoutes::notFound);
    router.route("/api/*").order(Integer.MIN_VALUE).failureHandler(UnknownApiRoutes::failure);
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

  private static void write(RoutingContext ctx, int status, String detail) {
    ApiProblem problem = ApiProblem.ofStatus(status, detail);
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", Problem.MEDIA_TYPE)
        .end(Json.encode(problem.toProblem(ctx.normalizedPath())));
  }
}
