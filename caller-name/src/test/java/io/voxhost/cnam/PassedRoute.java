package io.voxhost.cnam;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the lookups that went past the memory route on to RESTEasy, so that a test can tell which
 * of the two answered.
 */
@ApplicationScoped
public class PassedRoute {

  private final AtomicLong passed = new AtomicLong();

  void install(@Observes Router router) {
    router
        .get("/api/v1/cnam/:number")
        .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT + 1)
        .handler(
            ctx -> {
              passed.incrementAndGet();
              ctx.next();
            });
  }

  long passed() {
    return passed.get();
  }
}
