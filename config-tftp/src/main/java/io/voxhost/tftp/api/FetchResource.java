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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit of the caller's devices' fetches, newest first. */
@Path("/api/v1/provisioning/fetches")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "provisioning")
@SecurityRequirement(name = "apiKey")
public class FetchResource {

  private final AuthenticatedClient client;
  private final FetchLog fetches;

  FetchResource(AuthenticatedClient client, FetchLog fetches) {
    this.client = client;
    this.fetches = fetches;
  }

  /** One fetch; {@code id} pages: pass the last one seen as {@code before}. */
  public record FetchView(
      long id,
      String mac,
      String file,
      String source,
      String transport,
      long bytes,
      String outcome,
      Instant at) {}

  @GET
  public List<FetchView> list(
      @QueryParam("mac") String mac,
      @QueryParam("before") Long before,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
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
