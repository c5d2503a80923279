package io.voxhost.sip.api;

import io.smallrye.mutiny.Uni;
import io.voxhost.platform.api.OffEventLoop;
import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.sip.service.ImportOutcome;
import io.voxhost.sip.service.SubscriberImport;
import io.voxhost.sip.service.SubscriberInfo;
import io.voxhost.sip.service.SubscriberService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's SIP accounts. */
@Path("/api/v1/sip/subscribers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "sip")
@SecurityRequirement(name = "apiKey")
public class SubscriberResource {

  private final AuthenticatedClient client;
  private final SubscriberService subscribers;
  private final SubscriberImport importer;

  SubscriberResource(
      AuthenticatedClient client, SubscriberService subscribers, SubscriberImport importer) {
    this.client = client;
    this.subscribers = subscribers;
    this.importer = importer;
  }

  @POST
  public Response create(@Valid @NotNull SubscriberRequest body, UriInfo uri) {
    SubscriberInfo created =
        subscribers.create(
            client.tenantId(), body.username(), body.password(), blankToNull(body.displayName()));
    return Response.created(uri.getAbsolutePathBuilder().path(created.username()).build())
        .entity(created)
        .build();
  }

  /** A page in username order; pass the last username seen as {@code after} for the next. */
  @GET
  public List<SubscriberInfo> list(
      @QueryParam("after") String after,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
    return subscribers.page(client.tenantId(), after, limit);
  }

  /**
   * On the event loop: answered from the SIP directory's memory when it holds the subscriber, and
   * only otherwise read from the database, on a worker.
   */
  @GET
  @Path("{username}")
  public Uni<SubscriberInfo> get(@PathParam("username") String username) {
    UUID tenantId = client.tenantId();
    Optional<SubscriberInfo> known = subscribers.getFromMemory(tenantId, username);
    if (known.isPresent()) {
      return Uni.createFrom().item(known.get());
    }
    return OffEventLoop.call(() -> subscribers.get(tenantId, username));
  }

  @PATCH
  @Path("{username}")
  public SubscriberInfo update(
      @PathParam("username") String username, @Valid @NotNull SubscriberPatch body) {
    return subscribers.update(client.tenantId(), username, body.password(), body.displayName());
  }

  /** Deletes the account and its bindings. */
  @DELETE
  @Path("{username}")
  public Response delete(@PathParam("username") String username) throws Exception {
    subscribers.delete(client.tenantId(), username);
    return Response.noContent().build();
  }

  /**
   * Creates or replaces accounts from CSV ({@code username,password,displayName}); all rows or, if
   * any is bad, none.
   */
  @POST
  @Path("import")
  @Consumes({"text/csv", MediaType.TEXT_PLAIN})
  public Response importCsv(InputStream body) throws Exception {
    ImportOutcome.Imported imported =
        importer.run(client.tenantId(), new InputStreamReader(body, StandardCharsets.UTF_8));
    return Response.ok(imported).build();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
