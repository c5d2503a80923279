package io.voxhost.platform.api;

import io.quarkus.arc.Arc;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.voxhost.platform.role.RoleLifecycle;
import io.voxhost.platform.role.RolePath;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * {@code /q/openapi} lists only what this node answers: the paths of roles it does not run are
 * removed once, at start (the same prefixes {@link RoleGate} refuses).
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class RoleOpenApiFilter implements OASFilter {

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
      return;
    }
    // Filters are made by SmallRye, not by CDI: look the lifecycle up.
    List<RolePath> disabled = Arc.container().instance(RoleLifecycle.class).get().disabledPaths();
    Map<String, PathItem> items = openApi.getPaths().getPathItems();
    for (String path : List.copyOf(items.keySet())) {
      if (disabled.stream().anyMatch(rolePath -> rolePath.covers(path))) {
        openApi.getPaths().removePathItem(path);
      }
    }
  }
}
