package io.voxhost.platform.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * Descriptions of the schemas no {@code api} class declares ({@link SchemaDescriptions}): the key
 * records ({@code ApiKeyInfo}, {@code IssuedKey}, {@code KeyScope}) that the key resources return
 * as the service makes them, and the shared ones SmallRye makes for {@code Instant} and {@code
 * UUID}.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class PlatformSchemas implements OASFilter {

  private static final String SCOPE =
      "What the key may do: full (everything; the only scope that manages keys), read-only (GET"
          + " and HEAD on every API) or recordings-read (GET and HEAD of /api/v1/recordings and its"
          + " recordings)";

  private static final String PREFIX =
      "The key's public prefix: vx_ and the key's next 8 characters. It names the key in the API"
          + " and in access logs";

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    SchemaDescriptions.describe(
        openApi,
        "Instant",
        "A moment, as an RFC 3339 date-time in UTC such as 2026-03-10T16:15:50.123456Z",
        Map.of());
    SchemaDescriptions.describe(openApi, "UUID", "A UUID in its 36-character hex form", Map.of());
    SchemaDescriptions.describe(
        openApi,
        "ApiKeyInfo",
        "An API key as it may be shown after its creation: never its secret",
        Map.of(
            "prefix",
            PREFIX,
            "label",
            "What the key is for",
            "scope",
            SCOPE,
            "createdAt",
            "When the key was made",
            "lastUsedAt",
            "When the key last authenticated a request, or null if never. Other nodes' uses"
                + " show after their next write (voxhost.auth.last-used-flush-interval)",
            "revokedAt",
            "When the key was revoked, or null while it works"));
    SchemaDescriptions.describe(
        openApi,
        "IssuedKey",
        "A key just made: the only answer that shows its secret",
        Map.of(
            "key",
            "The whole key (vx_ and 43 characters) to send as 'Authorization: Bearer ...'."
                + " Only its hash is stored: keep it now, it is never shown again",
            "prefix",
            PREFIX,
            "label",
            "What the key is for",
            "scope",
            SCOPE,
            "createdAt",
            "When the key was made"));
    SchemaDescriptions.describe(openApi, "KeyScope", SCOPE, Map.of());
  }
}
