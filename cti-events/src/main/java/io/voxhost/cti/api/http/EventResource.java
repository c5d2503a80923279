package io.voxhost.cti.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.voxhost.cti.CtiConfig;
import io.voxhost.cti.service.CallEvent;
import io.voxhost.cti.service.EventIngest;
import io.voxhost.cti.service.EventInput;
import io.voxhost.cti.service.EventRules;
import io.voxhost.cti.service.IngestFull;
import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.platform.service.InvalidInput;
import io.voxhost.platform.service.InvalidInput.FieldProblem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Call events sent by a switch or an integration, in our normalised form. */
@Path("/api/v1/cti/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = CtiTag.NAME, description = CtiTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "403", description = CtiTag.TENANT_ONLY)
public class EventResource {

  private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private final AuthenticatedClient client;
  private final EventIngest ingest;
  private final EventRules rules;
  private final int maxRequest;

  EventResource(AuthenticatedClient client, EventIngest ingest, CtiConfig config) {
    this.client = client;
    this.ingest = ingest;
    this.rules = new EventRules(Clock.systemUTC());
    this.maxRequest = config.maxRequest();
  }

  /** An event that was not taken, and why. */
  @Schema(description = "An event of the request that was not taken, by its index")
  public record Rejected(
      @Schema(description = "Its index in the request, from 0") int index,
      @Schema(description = "What is wrong, field by field") List<FieldProblem> errors) {}

  /** What became of a request's events. */
  @Schema(description = "What became of the events, once the accepted ones are committed")
  public record Answer(
      @Schema(description = "Events stored now") int accepted,
      @Schema(description = "Events stored before (sent again): acknowledged, kept once")
          int duplicates,
      @Schema(description = "Events that are not events, each with its problems")
          List<Rejected> rejected) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Blocking
  @Operation(
      summary = "Send call events",
      description =
          "A JSON array of events in the normalised form of cti.md. Answered once the accepted"
              + " events are committed: a sender that got this answer may forget them, one that"
              + " got none sends them again (an event is kept once per tenant, source, instance"
              + " and id). Events that are not valid are listed by index; the others are taken.")
  @APIResponse(responseCode = "200", description = "Accepted, duplicate and rejected events")
  @APIResponse(
      responseCode = "400",
      description = "Not a JSON array, or more events than voxhost.cti.max-request")
  @APIResponse(
      responseCode = "429",
      description = "The tenant's events waiting to be written are at its bound: send again later")
  @APIResponse(
      responseCode = "503",
      description = "The node's event queue is full or the role is stopping: send again later")
  public Uni<Answer> send(@RequestBody(description = "The events", required = true) JsonNode body) {
    UUID tenant = client.tenantId();
    if (body == null || !body.isArray()) {
      throw new InvalidInput(
          "send the events as a JSON array",
          List.of(new FieldProblem("events", "a JSON array of events")));
    }
    if (body.size() > maxRequest) {
      throw new InvalidInput(
          "at most " + maxRequest + " events in one request, not " + body.size(),
          List.of(new FieldProblem("events", "1 to " + maxRequest + " events")));
    }
    List<CallEvent> events = new ArrayList<>(body.size());
    List<Rejected> rejected = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      List<FieldProblem> shape = new ArrayList<>();
      EventInput input = EventJson.input(body.get(i), shape);
      EventRules.Checked checked = shape.isEmpty() ? rules.check(input) : null;
      if (checked != null && checked.ok()) {
        events.add(checked.event());
      } else {
        rejected.add(new Rejected(i, shape.isEmpty() ? checked.problems() : shape));
      }
    }
    try {
      return Uni.createFrom()
          .completionStage(ingest.submit(tenant, events))
          .map(done -> new Answer(done.accepted(), done.duplicates(), rejected))
          .onFailure(IngestFull.class)
          .transform(e -> refusal((IngestFull) e));
    } catch (IngestFull e) {
      throw refusal(e);
    }
  }

  private static ApiProblem refusal(IngestFull e) {
    return e.tenantsShare()
        ? ApiProblem.tooManyRequests(e.getMessage(), RETRY_AFTER)
        : ApiProblem.busy(e.getMessage(), RETRY_AFTER);
  }
}
