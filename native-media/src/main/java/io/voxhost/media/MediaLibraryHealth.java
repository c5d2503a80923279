package io.voxhost.media;

import io.voxhost.media.api.MediaLibrary;
import io.voxhost.media.service.MediaLibraries;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Which media implementation serves ({@code native}, {@code java}, or {@code not loaded} on a node
 * whose roles never asked for one), in {@code /q/health}. Always UP: the Java twin is a working
 * implementation, not a failure.
 */
@Liveness
@ApplicationScoped
public class MediaLibraryHealth implements HealthCheck {

  private final MediaLibraries libraries;

  MediaLibraryHealth(MediaLibraries libraries) {
    this.libraries = libraries;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("media")
        .up()
        .withData(
            "implementation",
            libraries.loaded().map(MediaLibrary::implementation).orElse("not loaded"))
        .build();
  }
}
