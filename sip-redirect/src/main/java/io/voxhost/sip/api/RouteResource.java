package io.voxhost.sip.api;

import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.platform.api.problem.Problem;
import io.voxhost.sip.service.DialRule;
import io.voxhost.sip.service.RouteService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's dial plan: ordered rules tried before the location lookup, the first match wins. */
@Path("/api/v1/sip/routes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = SipTag.NAME, description = SipTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(
    responseCode = "403",
    description = "The key is an admin key: these operations act for the key's own tenant.")
public class RouteResource {

  private static final String ID = "The rule's id";
  private static final String NO_RULE = "The tenant's dial plan has no rule with that id.";
  private static final String BAD_RULE =
      "A field is missing or too long, the pattern is not a regular expression, the target not"
          + " a sip:, sips: or tel: URI or it names a group the pattern lacks, or the region is"
          + " unknown; errors names each field";

  private final AuthenticatedClient client;
  private final RouteService routes;

  RouteResource(AuthenticatedClient client, RouteService routes) {
    this.client = client;
    this.routes = routes;
  }

  @GET
  @Operation(
      summary = "Show the dial plan",
      description =
          "The tenant's rules in the order they are tried on a request outside a dialog (INVITE,"
              + " MESSAGE, SUBSCRIBE, NOTIFY, REFER, PUBLISH) before the location lookup: the"
              + " first match is redirected (302) to its target.")
  @APIResponse(responseCode = "200", description = "The rules, first tried first")
  public List<RouteView> list() {
    return routes.list(client.tenantId()).stream().map(RouteView::of).toList();
  }

  /** Adds a rule at {@code position} (default: last); later rules move down one. */
  @POST
  @Operation(
      summary = "Add a dial-plan rule",
      description =
          "Inserts a rule at position (default: last); the rules from there on move down one."
              + " This node uses the new plan at once, other nodes when the change notice reaches"
              + " them. Location names the new rule.")
  @APIResponseSchema(
      value = RouteView.class,
      responseCode = "201",
      responseDescription = "The rule as stored, with its id and position")
  @APIResponse(responseCode = "400", description = BAD_RULE + ".")
  @APIResponse(
      responseCode = "409",
      description = "The tenant has 1000 rules already; errors names position.")
  public Response add(
      @RequestBody(description = "The new rule", required = true) @Valid @NotNull RouteRequest body,
      UriInfo uri) {
    RouteService.RuleSpec spec = specs(List.of(body)).get(0);
    DialRule created = routes.add(client.tenantId(), spec, body.position());
    return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
        .entity(RouteView.of(created))
        .build();
  }

  /** Replaces the whole plan, in the order given. */
  @PUT
  @Operation(
      summary = "Replace the dial plan",
      description =
          "Replaces every rule with those given, tried in the order given; an empty list clears"
              + " the plan. All or nothing.")
  @APIResponse(responseCode = "200", description = "The new plan, first tried first")
  @APIResponse(
      responseCode = "400",
      description =
          "More than 1000 rules, or a rule is bad: "
              + BAD_RULE
              + " as [index].field. Nothing was changed.")
  public List<RouteView> replace(
      @RequestBody(description = "Every rule of the new plan, in order", required = true)
          @NotNull
          @Size(max = RouteService.MAX_RULES)
          List<@Valid @NotNull RouteRequest> body) {
    return routes.replace(client.tenantId(), specs(body)).stream().map(RouteView::of).toList();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "Show a dial-plan rule", description = "One rule of the tenant's plan.")
  @APIResponse(responseCode = "200", description = "The rule")
  @APIResponse(responseCode = "404", description = NO_RULE)
  public RouteView get(@Parameter(description = ID) @PathParam("id") UUID id) {
    return RouteView.of(routes.get(client.tenantId(), id));
  }

  @DELETE
  @Path("{id}")
  @Operation(
      summary = "Remove a dial-plan rule",
      description = "Removes the rule; those after it move up one.")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "404", description = NO_RULE)
  public Response delete(@Parameter(description = ID) @PathParam("id") UUID id) {
    routes.delete(client.tenantId(), id);
    return Response.noContent().build();
  }

  /** The rules as the service takes them, or 400 naming every bad field. */
  private static List<RouteService.RuleSpec> specs(List<RouteRequest> body) {
    List<RouteService.RuleSpec> specs = new ArrayList<>();
    List<Problem.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      RouteRequest r = body.get(i);
      boolean e164 = "e164".equals(r.normalize());
      String region = r.region();
      String prefix = body.size() > 1 ? "[" + i + "]." : "";
      DialRule.problem(r.pattern(), r.target(), e164, region)
          .ifPresent(
              p -> {
                int colon = p.indexOf(':');
                errors.add(
                    new Problem.FieldError(
                        prefix + p.substring(0, colon), p.substring(colon + 1).strip()));
              });
      specs.add(new RouteService.RuleSpec(r.pattern(), r.target(), e164, region, r.description()));
    }
    if (!errors.isEmpty()) {
      Problem.FieldError first = errors.get(0);
      throw ApiProblem.badRequest(first.field() + ": " + first.message(), errors);
    }
    return specs;
  }
}
