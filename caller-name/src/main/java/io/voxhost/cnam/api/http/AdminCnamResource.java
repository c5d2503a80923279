package io.voxhost.cnam.api.http;

import io.voxhost.cnam.service.DipLedger;
import io.voxhost.cnam.service.ProviderCache;
import io.voxhost.cnam.service.ProviderDips;
import io.voxhost.platform.api.auth.AuthenticatedClient;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The operator's view of upstream providers: dips by tenant, breakers and counters. */
@Path("/api/v1/admin/cnam")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = CnamTag.NAME, description = CnamTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(
    responseCode = "403",
    description = "The key is a tenant's: these operations need an admin key.")
public class AdminCnamResource {

  private final AuthenticatedClient client;
  private final DipLedger ledger;
  private final ProviderDips dips;
  private final ProviderCache cache;

  AdminCnamResource(
      AuthenticatedClient client, DipLedger ledger, ProviderDips dips, ProviderCache cache) {
    this.client = client;
    this.ledger = ledger;
    this.dips = dips;
    this.cache = cache;
  }

  /** One tenant's dips at one provider on one day. */
  @Schema(description = "The dips one tenant caused at one provider on one day")
  public record TenantUsageDay(
      @Schema(description = "The day, UTC, as YYYY-MM-DD") String day,
      @Schema(description = "The tenant billed") UUID tenantId,
      @Schema(description = "The provider asked") String provider,
      @Schema(description = "Dips the provider answered") long dips) {}

  /** Every tenant's dips over a range of days. */
  @Schema(description = "Every tenant's dips to upstream providers over a range of days")
  public record AllUsageView(
      @Schema(description = "The first day, UTC, as YYYY-MM-DD") String from,
      @Schema(description = "The last day, UTC, as YYYY-MM-DD") String to,
      @Schema(description = "By day, tenant, provider; days without dips left out")
          List<TenantUsageDay> days) {}

  /** One provider as this node sees it. */
  @Schema(description = "One upstream provider as this node sees it")
  public record ProviderView(
      @Schema(description = "The provider's name (voxhost.cnam.providers.<name>)") String name,
      @Schema(description = "Whether its answers are cached for every tenant, or per tenant")
          boolean shared,
      @Schema(description = "Its circuit breaker on this node: CLOSED, OPEN or HALF_OPEN")
          String breaker,
      @Schema(
              description =
                  "Dips since this node started, by outcome: name, no_name, failed, timeout,"
                      + " rate_limited, breaker_open, bulkhead_full, oversized, bad_json")
          Map<String, Long> outcomes) {}

  /** The providers and the cache. */
  @Schema(description = "The upstream providers and the answer cache on this node")
  public record ProvidersView(
      @Schema(description = "Every configured provider, by name") List<ProviderView> providers,
      @Schema(description = "Provider answers held in this node's cache (approximately)")
          long cacheSize,
      @Schema(description = "Dips counted on this node and not yet written to the usage table")
          long unflushedDips) {}

  @GET
  @Path("/usage")
  @Operation(
      summary = "Show every tenant's provider dips",
      description =
          "Dips billed to each tenant, by day, tenant and provider." + UsageResource.WRITTEN)
  @APIResponse(responseCode = "200", description = "The dips by day, tenant and provider")
  @APIResponse(
      responseCode = "400",
      description = "A date that is not YYYY-MM-DD, from after to, or more than 366 days")
  public AllUsageView usage(
      @Parameter(description = UsageResource.FROM) @QueryParam("from") String from,
      @Parameter(description = UsageResource.TO) @QueryParam("to") String to) {
    client.requireAdmin();
    LocalDate[] range = UsageResource.range(ledger.today(), from, to);
    return new AllUsageView(
        range[0].toString(),
        range[1].toString(),
        ledger.allUsage(range[0], range[1]).stream()
            .map(d -> new TenantUsageDay(d.day().toString(), d.tenant(), d.provider(), d.dips()))
            .toList());
  }

  @GET
  @Path("/providers")
  @Operation(
      summary = "Show the upstream providers",
      description =
          "Each provider's circuit breaker and dips by outcome on this node (each node has its"
              + " own), and the size of this node's answer cache.")
  @APIResponse(responseCode = "200", description = "The providers and the cache")
  public ProvidersView providers() {
    client.requireAdmin();
    return new ProvidersView(
        dips.status().values().stream()
            .map(p -> new ProviderView(p.name(), p.shared(), p.breaker().name(), p.outcomes()))
            .toList(),
        cache.size(),
        ledger.unflushed());
  }
}
