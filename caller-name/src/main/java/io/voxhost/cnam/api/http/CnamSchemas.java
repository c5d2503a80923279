package io.voxhost.cnam.api.http;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.voxhost.platform.api.SchemaDescriptions;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * Descriptions of the records the cnam resources take or return as they are ({@code CallerName},
 * {@code LookupRules}); see {@link SchemaDescriptions}.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class CnamSchemas implements OASFilter {

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    SchemaDescriptions.describe(
        openApi,
        "CallerName",
        "A caller's name as a lookup found it; the number is always given",
        Map.of(
            "number",
                "The number in E.164 form (+14155550123), or as dialled for one of the tenant's"
                    + " extensions",
            "name", "The cleaned display name, or null when nobody knows one (never UNKNOWN)",
            "source",
                "Where the name came from: subscriber, directory (the tenant's), platform (the"
                    + " platform's directory), cache (a provider's answer from memory), a"
                    + " provider's name (asked now), or none",
            "cached", "Whether a provider's answer came from memory",
            "ageSeconds", "How old that cached answer is, in seconds; null unless cached"));
    SchemaDescriptions.describe(
        openApi,
        "LookupRules",
        "The tenant's caller-name settings; a field left out or null takes the node's default",
        Map.of(
            "defaultRegion", SettingsResource.REGION,
            "nameLength", SettingsResource.NAME_LENGTH,
            "providers", SettingsResource.PROVIDERS));
  }
}
