package io.voxhost.platform.role;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** {@code /q/health/ready} is UP only once start-up completed and every enabled role is ready. */
@Readiness
@ApplicationScoped
public class RolesReadiness implements HealthCheck {

  private final RoleLifecycle lifecycle;

  RolesReadiness(RoleLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("roles").status(lifecycle.ready());
    lifecycle
        .health()
        .forEach(
            (name, health) ->
                response.withData(name, (health.ready() ? "UP" : "DOWN") + ": " + health.detail()));
    return response.build();
  }
}
