package io.voxhost.cti.api.http;

import io.smallrye.common.annotation.Blocking;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.voxhost.cti.service.CallExport;
import io.voxhost.cti.service.CallRecords;
import io.voxhost.cti.service.CallStore.CallFilter;
import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.platform.service.PageCursor;
import io.voxhost.platform.service.ResourceNotFound;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's call records, built from its call events. */
@Path("/api/v1/cti/calls")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = CtiTag.NAME, description = CtiTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "403", description = CtiTag.TENANT_ONLY)
public class CallResource {

  private final AuthenticatedClient client;
  private final CallRecords calls;
  private final CallExport exports;
  private final Vertx vertx;

  CallResource(AuthenticatedClient client, CallRecords calls, CallExport exports, Vertx vertx) {
    this.client = client;
    this.calls = calls;
    this.exports = exports;
    this.vertx = vertx;
  }

  @Schema(description = "One page of calls")
  public record PageView(
      @Schema(description = "The calls, by start time then id") List<CallView> items,
      @Schema(description = "Cursor of the next page, or null on the last") String next) {}

  @GET
  @Blocking
  @Operation(
      summary = "List calls",
      description =
          "The tenant's call records that match every filter given, in pages ordered by start"
              + " time then id, so that pages neither skip nor repeat while new calls arrive.")
  @APIResponse(responseCode = "200", description = "One page, and the cursor of the next")
  @APIResponse(
      responseCode = "400",
      description =
          "from or to is not an ISO-8601 instant, state or outcome is not one of theirs, the"
              + " cursor is not one this API gave out, or limit is not 1 to 1000")
  public PageView list(
      @BeanParam CallQuery query,
      @Parameter(description = "The next of the previous page; absent for the first")
          @QueryParam("cursor")
          String cursor,
      @Parameter(description = "Calls per page, 1 to 1000")
          @QueryParam("limit")
          @DefaultValue("100")
          @Min(1)
          @Max(1000)
          int limit) {
    UUID tenant = client.tenantId();
    CallFilter filter = query.filter();
    try {
      CallRecords.Page page = calls.page(tenant, filter, cursor, limit);
      return new PageView(page.items().stream().map(CallView::of).toList(), page.next());
    } catch (PageCursor.BadCursor e) {
      throw ApiProblem.badRequest(e.getMessage(), List.of());
    }
  }

  @GET
  @Path("export")
  @Produces("text/csv")
  @Blocking
  @Operation(
      summary = "Export calls as CSV",
      description =
          "Every call record of the tenant's that matches every filter given, as RFC 4180 CSV"
              + " (a header line, then one line per call by start time then id), streamed as it"
              + " is read however many calls match. Lists (keys, agents, transfers) are separated"
              + " by ';'. A field a spreadsheet would run as a formula starts with an apostrophe."
              + " A node streams voxhost.cti.exports exports at once, a tenant"
              + " voxhost.cti.tenant-exports.")
  @APIResponse(
      responseCode = "200",
      description = "The calls, as text/csv; a transfer that breaks off was cut short",
      content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(
      responseCode = "400",
      description =
          "from or to is not an ISO-8601 instant, or state or outcome is not one of theirs")
  @APIResponse(
      responseCode = "429",
      description = "The tenant, or the node, streams all the exports it may at once")
  public Response export(@Context HttpServerRequest request, @BeanParam CallQuery query) {
    CallFilter filter = query.filter();
    CallExport.Slot slot;
    try {
      slot = exports.open(client.tenantId());
    } catch (CallExport.Busy e) {
      throw ApiProblem.tooManyRequests(e.getMessage(), Duration.ofSeconds(10));
    }
    // A client that stops reading blocks the writer; closing its connection frees the slot.
    HttpConnection connection = request.connection();
    StreamingOutput body =
        out -> {
          long watch =
              vertx.setPeriodic(
                  5000,
                  id -> {
                    if (slot.stalled()) {
                      connection.close();
                    }
                  });
          try (slot) {
            slot.write(filter, out);
          } finally {
            vertx.cancelTimer(watch);
          }
        };
    return Response.ok(body, "text/csv; charset=utf-8; header=present")
        .header("Content-Disposition", "attachment; filename=\"calls.csv\"")
        .build();
  }

  @GET
  @Path("{id}")
  @Blocking
  @Operation(summary = "Show a call", description = "One call record of the tenant's.")
  @APIResponse(responseCode = "200", description = "The call")
  @APIResponse(responseCode = "404", description = "No call of this tenant has this id")
  public CallView show(@Parameter(description = "The call's id") @PathParam("id") UUID id) {
    return calls
        .find(client.tenantId(), id)
        .map(CallView::of)
        .orElseThrow(() -> new ResourceNotFound("no call of this tenant has id " + id));
  }
}
