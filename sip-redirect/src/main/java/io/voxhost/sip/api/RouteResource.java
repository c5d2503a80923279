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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's dial plan: ordered rules tried before the location lookup, the first match wins. */
@Path("/api/v1/sip/routes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "sip")
@SecurityRequirement(name = "apiKey")
public class RouteResource {

  private final AuthenticatedClient client;
  private final RouteService routes;

  RouteResource(AuthenticatedClient client, RouteService routes) {
    this.client = client;
    this.routes = routes;
  }

  @GET
  public List<RouteView> list() {
    return routes.list(client.tenantId()).stream().map(RouteView::of).toList();
  }

  /** Adds a rule at {@code position} (default: last); later rules move down one. */
  @POST
  public Response add(@Valid @NotNull RouteRequest body, UriInfo uri) {
    RouteService.RuleSpec spec = specs(List.of(body)).get(0);
    DialRule created = routes.add(client.tenantId(), spec, body.position());
    return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
        .entity(RouteView.of(created))
        .build();
  }

  /** Replaces the whole plan, in the order given. */
  @PUT
  public List<RouteView> replace(
      @NotNull @Size(max = RouteService.MAX_RULES) List<@Valid @NotNull RouteRequest> body) {
    return routes.replace(client.tenantId(), specs(body)).stream().map(RouteView::of).toList();
  }

  @GET
  @Path("{id}")
  public RouteView get(@PathParam("id") UUID id) {
    return RouteView.of(routes.get(client.tenantId(), id));
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") UUID id) {
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
