package io.voxhost.sip.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.voxhost.platform.api.SchemaDescriptions;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * Descriptions of the service records the SIP resources return as they are ({@code SubscriberInfo},
 * {@code ImportOutcome.Imported}); see {@link SchemaDescriptions}.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class SipSchemas implements OASFilter {

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    SchemaDescriptions.describe(
        openApi,
        "SubscriberInfo",
        "A SIP account as its tenant may see it: never its password or digests",
        Map.of(
            "username", "The SIP user part: the phone registers as username@<tenant's SIP domain>",
            "displayName", "Name shown for the account, or null",
            "createdAt", "When the account was made",
            "updatedAt", "When its password or display name last changed"));
    SchemaDescriptions.describe(
        openApi,
        "Imported",
        "What a CSV import of subscribers wrote",
        Map.of(
            "created", "Accounts the import made",
            "updated", "Existing accounts it replaced (new password and display name)"));
  }
}
