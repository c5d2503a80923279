package io.voxhost.platform.api;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.voxhost.platform.api.problem.ApiFallbackRoutes;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.platform.config.StartupFailure;
import io.voxhost.platform.config.VoxhostConfig;
import io.voxhost.platform.role.RoleLifecycle;
import io.voxhost.platform.role.RolePath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Holds every request body to {@code voxhost.http.body-size} (10M), except on the import paths the
 * running roles declare ({@link io.voxhost.platform.role.Role#importPaths()}), which may reach
 * {@code voxhost.http.import-body-size} (64M, Quarkus's own {@code
 * quarkus.http.limits.max-body-size}). Larger is 413 problem+json, before any resource, any
 * authentication or any other route sees the request.
 *
 * <p>A declared {@code Content-Length} over the limit is refused before a byte of the body is read.
 * A body of unknown length (chunked) on an ordinary path is read here, counting bytes as they
 * arrive, and refused the moment it passes the limit; a whole one is handed on as the request's
 * body, which Quarkus REST reads instead of the connection. On an import path a chunked body
 * streams to the resource as it comes, and Quarkus REST's own counter ends it past Quarkus's limit
 * (413, without a problem body: Quarkus writes that answer itself).
 */
@ApplicationScoped
public class BodyLimits {

  private final long bodyBytes;
  private final long importBodyBytes;
  private final RoleLifecycle roles;
  private volatile List<RolePath> importPaths;

  BodyLimits(VoxhostConfig config, RoleLifecycle roles) {
    this.bodyBytes = config.http().bodySize().asLongValue();
    this.importBodyBytes = config.http().importBodySize().asLongValue();
    this.roles = roles;
    if (importBodyBytes < bodyBytes) {
      throw StartupFailure.configuration(
          "voxhost.http.import-body-size ("
              + importBodyBytes
              + " bytes) must be at least voxhost.http.body-size ("
              + bodyBytes
              + " bytes)");
    }
  }

  void install(@Observes Router router) {
    importPaths = roles.importPaths();
    router.route().order(Integer.MIN_VALUE).handler(this::limit);
    // Right after Quarkus's upload-limit route, which gives a body of unknown length its one limit.
    router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(this::limitStreamed);
  }

  /** The largest body a request to {@code path} (normalised, without query) may carry. */
  public long limitFor(String path) {
    return isImportPath(path) ? importBodyBytes : bodyBytes;
  }

  private boolean isImportPath(String path) {
    for (RolePath importPath : importPaths) {
      if (importPath.covers(path)) {
        return true;
      }
    }
    return false;
  }

  private void limit(RoutingContext ctx) {
    boolean importPath = isImportPath(ctx.normalizedPath());
    long limit = importPath ? importBodyBytes : bodyBytes;
    HttpServerRequest request = ctx.request();
    String length = request.getHeader("Content-Length");
    if (length != null) {
      if (exceeds(length, limit)) {
        refuse(ctx, limit);
      } else {
        ctx.next();
      }
      return;
    }
    // Without a length, HTTP/1.x has a body only when it is chunked (or otherwise transfer-coded).
    if (importPath
        || request.version() == HttpVersion.HTTP_2
        || request.getHeader("Transfer-Encoding") == null) {
      ctx.next();
      return;
    }
    readCounting(ctx, limit);
  }

  /**
   * A body of unknown length that is not read here (HTTP/2, where Quarkus REST cannot take a body
   * read before it: it resumes the ended stream and fails) is counted by Quarkus REST as the
   * resource reads it; this gives it the path's limit instead of Quarkus's one. Past it, Quarkus
   * answers a bare 413 and closes.
   */
  private void limitStreamed(RoutingContext ctx) {
    if (ctx.request().getHeader("Content-Length") == null && !isImportPath(ctx.normalizedPath())) {
      ctx.put(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, bodyBytes);
    }
    ctx.next();
  }

  private static boolean exceeds(String length, long limit) {
    try {
      return Long.parseLong(length.trim()) > limit;
    } catch (NumberFormatException e) {
      return false; // Vert.x refuses a malformed Content-Length itself.
    }
  }

  /**
   * Reads the body into memory (at most {@code limit} bytes, the ordinary limit: the resources
   * behind these paths read their body whole anyway), then hands the request on.
   */
  private static void readCounting(RoutingContext ctx, long limit) {
    HttpServerRequest request = ctx.request();
    Buffer body = Buffer.buffer();
    boolean[] refused = {false};
    request.handler(
        chunk -> {
          if (refused[0]) {
            return;
          }
          if ((long) body.length() + chunk.length() > limit) {
            refused[0] = true;
            refuse(ctx, limit);
            return;
          }
          body.appendBuffer(chunk);
        });
    request.endHandler(
        end -> {
          if (!refused[0]) {
            ctx.setBody(body);
            ctx.next();
          }
        });
    // A client gone mid-body: its connection is closed, nothing is left to answer.
    request.exceptionHandler(e -> refused[0] = true);
    if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
      ctx.response().writeContinue();
    }
  }

  /** Answers 413 problem+json and closes the connection: the rest of the body is never read. */
  private static void refuse(RoutingContext ctx, long limit) {
    ctx.response().putHeader("Connection", "close");
    ApiFallbackRoutes.send(
            ctx,
            ApiProblem.payloadTooLarge(
                "request body over the limit of " + limit + " bytes for " + ctx.normalizedPath()))
        .onComplete(done -> ctx.request().connection().close());
  }
}
