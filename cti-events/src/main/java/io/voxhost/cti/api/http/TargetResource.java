package io.voxhost.cti.api.http;

import io.smallrye.common.annotation.Blocking;
import io.voxhost.cti.service.QueueTarget;
import io.voxhost.cti.service.QueueTargets;
import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.platform.api.problem.Problem.FieldError;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The service-level targets the tenant's calls are counted with: its default for all calls and one
 * per queue (as Asterisk's queues.conf sets {@code servicelevel} per queue).
 */
@Path("/api/v1/cti/targets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = CtiTag.NAME, description = CtiTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "403", description = CtiTag.TENANT_ONLY)
public class TargetResource {

  private static final String APPLIES =
      " Calls counted from now on are held to it (a call is counted when it ends, and again when a"
          + " late event changes it); figures already summed keep the target they were counted"
          + " with.";

  private final AuthenticatedClient client;
  private final QueueTargets targets;

  TargetResource(AuthenticatedClient client, QueueTargets targets) {
    this.client = client;
    this.targets = targets;
  }

  @Schema(description = "What calls are held to")
  public record TargetView(
      @Schema(description = "Answered (SL2: or abandoned) within this many ms meets the level")
          int serviceLevelMs,
      @Schema(description = "Abandoned sooner than this many ms is a short abandon, apart")
          int shortAbandonMs) {
    static TargetView of(QueueTarget t) {
      return new TargetView(t.serviceLevelMs(), t.shortAbandonMs());
    }
  }

  @Schema(description = "A queue's own target")
  public record QueueTargetView(
      @Schema(description = "The queue, as its calls' events name it") String queue,
      @Schema(description = "Answered (SL2: or abandoned) within this many ms meets the level")
          int serviceLevelMs,
      @Schema(description = "Abandoned sooner than this many ms is a short abandon, apart")
          int shortAbandonMs) {}

  @Schema(description = "The targets of the tenant's calls")
  public record TargetsView(
      @Schema(description = "The node's (voxhost.cti.service-level and short-abandon)")
          TargetView node,
      @Schema(description = "The tenant's default for all its calls, or null: the node's")
          TargetView tenant,
      @Schema(description = "Queues with a target of their own, by name")
          List<QueueTargetView> queues) {}

  @Schema(description = "A target to set")
  public record TargetInput(
      @Schema(description = "1,000 to 3,600,000 ms", required = true) Integer serviceLevelMs,
      @Schema(description = "0 to 600,000 ms", required = true) Integer shortAbandonMs) {}

  @GET
  @Blocking
  @Operation(
      summary = "Service-level targets",
      description =
          "The node's target, the tenant's default and each queue's: a call is held to its"
              + " queue's, else the tenant's, else the node's.")
  @APIResponse(responseCode = "200", description = "The targets")
  public TargetsView list() {
    UUID tenant = client.tenantId();
    List<QueueTargetView> queues = new ArrayList<>();
    targets
        .queues(tenant)
        .forEach(
            (q, t) -> queues.add(new QueueTargetView(q, t.serviceLevelMs(), t.shortAbandonMs())));
    return new TargetsView(
        TargetView.of(targets.node()),
        targets.tenantDefault(tenant).map(TargetView::of).orElse(null),
        queues);
  }

  @PUT
  @Path("default")
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Set the tenant's default target",
      description = "What calls of queues without their own target are held to." + APPLIES)
  @APIResponse(responseCode = "200", description = "The target as set")
  @APIResponse(responseCode = "400", description = "A value missing or out of its range")
  public TargetView putDefault(
      @RequestBody(description = "The target", required = true) TargetInput body) {
    return put(Optional.empty(), body);
  }

  @DELETE
  @Path("default")
  @Blocking
  @Operation(summary = "Remove the tenant's default", description = "The node's holds again.")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "404", description = "The tenant set no default")
  public Response deleteDefault() {
    return delete(Optional.empty());
  }

  @PUT
  @Path("queues/{queue}")
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Set a queue's target",
      description = "What the queue's calls are held to." + APPLIES)
  @APIResponse(responseCode = "200", description = "The target as set")
  @APIResponse(
      responseCode = "400",
      description = "A value missing or out of its range, or no queue name (1-256 characters)")
  @APIResponse(
      responseCode = "409",
      description = "The tenant has targets for 1,000 queues already; remove one first")
  public TargetView putQueue(
      @Parameter(description = "The queue, as its calls' events name it") @PathParam("queue")
          String queue,
      @RequestBody(description = "The target", required = true) TargetInput body) {
    return put(Optional.of(queue(queue)), body);
  }

  @DELETE
  @Path("queues/{queue}")
  @Blocking
  @Operation(
      summary = "Remove a queue's target",
      description = "The tenant's default (or the node's) holds for the queue again.")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "400", description = "No queue name (1-256 characters)")
  @APIResponse(responseCode = "404", description = "The queue has no target of its own")
  public Response deleteQueue(
      @Parameter(description = "The queue, as its calls' events name it") @PathParam("queue")
          String queue) {
    return delete(Optional.of(queue(queue)));
  }

  private TargetView put(Optional<String> queue, TargetInput body) {
    List<FieldError> errors = new ArrayList<>();
    if (body == null || body.serviceLevelMs() == null) {
      errors.add(new FieldError("serviceLevelMs", "required"));
    }
    if (body == null || body.shortAbandonMs() == null) {
      errors.add(new FieldError("shortAbandonMs", "required"));
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest("a target needs both values", errors);
    }
    QueueTarget target = new QueueTarget(body.serviceLevelMs(), body.shortAbandonMs());
    if (!target.valid()) {
      throw ApiProblem.badRequest(
          "serviceLevelMs is 1,000 to 3,600,000 and shortAbandonMs 0 to 600,000",
          List.of(
              new FieldError("serviceLevelMs", "1000 to 3600000"),
              new FieldError("shortAbandonMs", "0 to 600000")));
    }
    try {
      targets.put(client.tenantId(), queue, target);
    } catch (QueueTargets.TooMany e) {
      throw ApiProblem.conflict("queue", e.getMessage());
    }
    return TargetView.of(target);
  }

  private Response delete(Optional<String> queue) {
    if (!targets.remove(client.tenantId(), queue)) {
      throw ApiProblem.notFound(
          queue.isPresent() ? "the queue has no target of its own" : "the tenant set no default");
    }
    return Response.noContent().build();
  }

  private static String queue(String queue) {
    if (!QueueTargets.validQueue(queue)) {
      throw ApiProblem.badRequest(
          "a queue is 1-256 characters, none a control character",
          List.of(new FieldError("queue", "1-256 characters, no control characters")));
    }
    return queue;
  }
}
