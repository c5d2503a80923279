package io.voxhost.tftp.api;

import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.tftp.service.FetchLog;
import io.voxhost.tftp.service.MacAddress;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit of the caller's devices' fetches, newest first. */
@Path("/api/v1/provisioning/fetches")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ProvisioningTag.NAME, description = ProvisioningTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(
    responseCode = "403",
    description = "The key is an admin key: these operations act for the key's own tenant.")
public class FetchResource {

  private final AuthenticatedClient client;
  private final FetchLog fetches;

  FetchResource(AuthenticatedClient client, FetchLog fetches) {
    this.client = client;
    this.fetches = fetches;
  }

  /** One fetch; {@code id} pages: pass the last one seen as {@code before}. */
  @Schema(description = "One fetch of a file by one of the tenant's phones")
  public record FetchView(
      @Schema(description = "The entry's id, increasing; pass the last one seen as before") long id,
      @Schema(description = "The device, as 00:15:65:aa:bb:cc") String mac,
      @Schema(description = "The file name the phone asked for") String file,
      @Schema(description = "The phone's address, host:port") String source,
      @Schema(description = "tftp or http") String transport,
      @Schema(description = "File bytes delivered") long bytes,
      @Schema(
              description =
                  "How it ended: completed, or why not, such as not_found, refused, unauthorized"
                      + " or not_modified (HTTP), timed_out or aborted_by_client (TFTP)")
          String outcome,
      @Schema(description = "When it ended") Instant at) {}

  @GET
  @Operation(
      summary = "List fetches",
      description =
          "The audit of the tenant's phones' fetches of their own files, over TFTP and HTTP,"
              + " newest first. Entries are written in batches, so the newest may show a moment"
              + " late.")
  @APIResponse(responseCode = "200", description = "One page of fetches, newest first")
  @APIResponse(
      responseCode = "400",
      description = "mac is not a MAC address, or limit is not 1 to 1000.")
  @APIResponse(
      responseCode = "404",
      description =
          "before or limit is not a whole number: the request matches no resource (JAX-RS answers a query parameter it cannot"
              + " read so).")
  public List<FetchView> list(
      @Parameter(description = "Only this device's fetches: its MAC, in any common notation")
          @QueryParam("mac")
          String mac,
      @Parameter(description = "Only entries older than this id: the last id of the previous page")
          @QueryParam("before")
          Long before,
      @Parameter(description = "Entries per page, 1 to 1000")
          @QueryParam("limit")
          @DefaultValue("100")
          @Min(1)
          @Max(1000)
          int limit) {
    MacAddress device = null;
    if (mac != null) {
      device =
          MacAddress.parse(mac)
              .orElseThrow(() -> ApiProblem.badRequest("mac is not a MAC address", List.of()));
    }
    return fetches.page(client.tenantId(), device, before, limit).stream()
        .map(FetchResource::view)
        .toList();
  }

  private static FetchView view(FetchLog.StoredFetch row) {
    var f = row.fetch();
    return new FetchView(
        row.id(),
        f.mac() == null ? null : f.mac().colons(),
        f.fileName(),
        f.source(),
        f.transport(),
        f.bytes(),
        f.outcome(),
        f.at());
  }
}
