package io.voxhost.tftp.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.voxhost.platform.api.SchemaDescriptions;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * Descriptions of the service record the site resource returns as it is ({@code SiteService.Site});
 * see {@link SchemaDescriptions}.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProvisioningSchemas implements OASFilter {

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    SchemaDescriptions.describe(
        openApi,
        "Site",
        "A site of the tenant, the variables its devices inherit and where they are served",
        Map.of(
            "name", "The site's name: 1 to 64 letters, digits, spaces or . _ -",
            "variables",
                "Variable name to value; a device's own override these, these the tenant's",
            "networks",
                "CIDRs outside which the site's devices' files are not served; empty: any"
                    + " source"));
  }
}
