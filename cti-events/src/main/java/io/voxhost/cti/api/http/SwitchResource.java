package io.voxhost.cti.api.http;

import io.voxhost.cti.service.SwitchLinks;
import io.voxhost.platform.api.auth.AuthenticatedClient;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** How this node's connections to the tenant's PBXs are doing (secrets are never shown). */
@Path("/api/v1/cti/switches")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = CtiTag.NAME, description = CtiTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "403", description = CtiTag.TENANT_ONLY)
public class SwitchResource {

  private final AuthenticatedClient client;
  private final SwitchLinks links;

  SwitchResource(AuthenticatedClient client, SwitchLinks links) {
    this.client = client;
    this.links = links;
  }

  @Schema(description = "One PBX this node signs in to and reads call events from")
  public record SwitchView(
      @Schema(description = "Its name in voxhost.cti.switches") String name,
      @Schema(description = "ami (Asterisk Manager Interface) or esl (FreeSWITCH event socket)")
          String kind,
      @Schema(description = "The source instance its events are stored under") String instance,
      @Schema(description = "host:port the node connects to") String address,
      @Schema(description = "connecting, signed-in, refused, busy or down") String state,
      @Schema(description = "When it came to this state, on this node") Instant since,
      @Schema(description = "Times the node signed in since it started") long signIns,
      @Schema(description = "AMI lines or ESL events read since the node started") long linesRead,
      @Schema(description = "Why it is not signed in, or null") String problem) {}

  @GET
  @Operation(
      summary = "The tenant's PBX connections on this node",
      description =
          "The PBXs the operator set this node to sign in to for the tenant"
              + " (voxhost.cti.switches), and how each connection is doing.")
  @APIResponse(responseCode = "200", description = "The tenant's connections, by name")
  public List<SwitchView> switches() {
    return links.of(client.tenantId()).stream()
        .map(
            s ->
                new SwitchView(
                    s.name(),
                    s.kind().name().toLowerCase(java.util.Locale.ROOT),
                    s.instance(),
                    s.address(),
                    s.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    s.since(),
                    s.signIns(),
                    s.linesRead(),
                    s.problem().orElse(null)))
        .toList();
  }
}
