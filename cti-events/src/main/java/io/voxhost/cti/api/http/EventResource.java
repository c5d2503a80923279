package io.voxhost.cti.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.common.annotation.Blocking;
import io.voxhost.cti.CtiConfig;
import io.voxhost.cti.service.EventInput;
import io.voxhost.cti.service.EventJson;
import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.service.InvalidInput;
import io.voxhost.platform.service.InvalidInput.FieldProblem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
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

  private final AuthenticatedClient client;
  private final EventSubmission submission;
  private final int maxRequest;

  EventResource(AuthenticatedClient client, EventSubmission submission, CtiConfig config) {
    this.client = client;
    this.submission = submission;
    this.maxRequest = config.maxRequest();
  }

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
  public EventSubmission.Answer send(
      @RequestBody(
              description = "The events, 1 to voxhost.cti.max-request",
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(type = SchemaType.ARRAY, implementation = EventDoc.class)))
          JsonNode body) {
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
    List<EventSubmission.Placed> inputs = new ArrayList<>(body.size());
    for (int i = 0; i < body.size(); i++) {
      List<FieldProblem> shape = new ArrayList<>();
      EventInput input = EventJson.input(body.get(i), shape);
      inputs.add(new EventSubmission.Placed(input, i, null, shape));
    }
    return submission.send(tenant, inputs);
  }
}
