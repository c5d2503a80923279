package io.voxhost.platform.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.voxhost.platform.api.problem.ApiFallbackRoutes;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.platform.role.RoleLifecycle;
import io.voxhost.platform.role.RolePath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Answers 404 {@code role-not-enabled} for the HTTP paths of the roles this node does not run,
 * before authentication and before any resource is reached: a resource of a role that never started
 * would find its ports and workers missing. One route for every role; a node that runs every role
 * installs none.
 */
@ApplicationScoped
public class RoleGate {

  private final RoleLifecycle roles;

  RoleGate(RoleLifecycle roles) {
    this.roles = roles;
  }

  void install(@Observes Router router) {
    List<RolePath> disabled = roles.disabledPaths();
    if (disabled.isEmpty()) {
      return;
    }
    router.route().order(Integer.MIN_VALUE).handler(ctx -> refuse(ctx, disabled));
  }

  private static void refuse(RoutingContext ctx, List<RolePath> disabled) {
    String path = ctx.normalizedPath();
    for (RolePath rolePath : disabled) {
      if (rolePath.covers(path)) {
        ApiFallbackRoutes.send(ctx, ApiProblem.roleNotEnabled(rolePath.role()));
        return;
      }
    }
    ctx.next();
  }
}
