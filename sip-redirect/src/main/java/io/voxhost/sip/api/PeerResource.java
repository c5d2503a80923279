package io.voxhost.sip.api;

import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.platform.api.problem.Problem;
import io.voxhost.platform.net.IpNetwork;
import io.voxhost.sip.service.PeerService;
import io.voxhost.sip.service.SipPeer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The caller's trusted SIP peers: the source networks whose INVITEs (and other redirected requests)
 * get the real answer for the tenant's users without a challenge.
 */
@Path("/api/v1/sip/peers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = SipTag.NAME, description = SipTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(
    responseCode = "403",
    description = "The key is an admin key: these operations act for the key's own tenant.")
public class PeerResource {

  private static final String ID = "The peer's id";
  private static final String NO_PEER = "The tenant has no peer with that id.";

  private final AuthenticatedClient client;
  private final PeerService peers;

  PeerResource(AuthenticatedClient client, PeerService peers) {
    this.client = client;
    this.peers = peers;
  }

  @GET
  @Operation(
      summary = "List trusted SIP peers",
      description =
          "The source networks (SBCs, PBXs) whose requests outside a dialog to this tenant's"
              + " domain are answered with the users' real state (302, 404, 480) without a"
              + " challenge. Everyone else must authenticate as a subscriber of the tenant, or gets"
              + " the same answer whether or not the user exists.")
  @APIResponse(responseCode = "200", description = "The peers, oldest first")
  public List<PeerView> list() {
    return peers.list(client.tenantId()).stream().map(PeerView::of).toList();
  }

  @POST
  @Operation(
      summary = "Declare a trusted SIP peer",
      description =
          "Trusts a source address or network. This node trusts it as soon as the call returns,"
              + " other nodes when the change notice reaches them. Location names the new peer.")
  @APIResponseSchema(
      value = PeerView.class,
      responseCode = "201",
      responseDescription = "The peer as stored, with its id and canonical network")
  @APIResponse(
      responseCode = "400",
      description =
          "network is missing or not an IPv4 or IPv6 address with an optional /prefix (0-32 or"
              + " 0-128), or the description is too long; errors names each field.")
  @APIResponse(
      responseCode = "409",
      description =
          "The tenant declared this network already, or has 100 peers; errors names network.")
  public Response add(
      @RequestBody(description = "The new peer", required = true) @Valid @NotNull PeerRequest body,
      UriInfo uri) {
    IpNetwork network;
    try {
      network = IpNetwork.parse(body.network());
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(
          "network: " + e.getMessage(), List.of(new Problem.FieldError("network", e.getMessage())));
    }
    SipPeer created = peers.add(client.tenantId(), network, body.description());
    return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
        .entity(PeerView.of(created))
        .build();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "Show a trusted SIP peer", description = "One peer of the tenant.")
  @APIResponse(responseCode = "200", description = "The peer")
  @APIResponse(responseCode = "404", description = NO_PEER)
  public PeerView get(@Parameter(description = ID) @PathParam("id") UUID id) {
    return PeerView.of(peers.get(client.tenantId(), id));
  }

  @DELETE
  @Path("{id}")
  @Operation(
      summary = "Remove a trusted SIP peer",
      description = "Its requests are challenged from now on (other nodes: once they hear of it).")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "404", description = NO_PEER)
  public Response delete(@Parameter(description = ID) @PathParam("id") UUID id) {
    peers.delete(client.tenantId(), id);
    return Response.noContent().build();
  }
}
