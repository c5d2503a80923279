package io.voxhost.sip.api;

import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.service.ResourceNotFound;
import io.voxhost.platform.service.Tenants;
import io.voxhost.sip.service.AddressOfRecord;
import io.voxhost.sip.service.LocationStore;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The caller's live registrations, read from this node's location index (which follows the
 * database), and the force-unregister.
 */
@Path("/api/v1/sip/registrations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sip")
@SecurityRequirement(name = "apiKey")
public class RegistrationResource {

  private final AuthenticatedClient client;
  private final LocationStore locations;
  private final Tenants tenants;

  RegistrationResource(AuthenticatedClient client, LocationStore locations, Tenants tenants) {
    this.client = client;
    this.locations = locations;
    this.tenants = tenants;
  }

  /**
   * Live bindings; {@code aor} ({@code alice} or {@code sip:alice@domain}) keeps one
   * address-of-record's.
   */
  @GET
  public List<RegistrationView> list(
      @QueryParam("aor") String aor,
      @QueryParam("limit") @DefaultValue("1000") @Min(1) @Max(10000) int limit) {
    Instant now = Instant.now();
    return locations.list(client.tenantId(), userOf(aor), now, limit).stream()
        .map(b -> RegistrationView.of(b, now))
        .toList();
  }

  /** Removes every binding of the address-of-record at once (on every node). */
  @DELETE
  @Path("{aor}")
  public Response unregister(@PathParam("aor") String aor) throws Exception {
    UUID tenant = client.tenantId();
    String domain =
        tenants
            .byId(tenant)
            .orElseThrow(() -> new ResourceNotFound("this key's tenant no longer exists"))
            .sipDomain();
    int removed =
        locations
            .removeAll(new AddressOfRecord(tenant, userOf(aor), domain))
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    if (removed == 0) {
      throw new ResourceNotFound("no live registration for '" + aor + "'");
    }
    return Response.noContent().build();
  }

  /** The user part of {@code sip:user@domain}, or the text itself when it is only a user. */
  private static String userOf(String aor) {
    if (aor == null || aor.isBlank()) {
      return null;
    }
    String s = aor.strip();
    if (s.regionMatches(true, 0, "sip:", 0, 4)) {
      s = s.substring(4);
    } else if (s.regionMatches(true, 0, "sips:", 0, 5)) {
      s = s.substring(5);
    }
    int at = s.indexOf('@');
    return at >= 0 ? s.substring(0, at) : s;
  }
}
