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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's SIP accounts. */
@Path("/api/v1/sip/subscribers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = SipTag.NAME, description = SipTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(
    responseCode = "403",
    description = "The key is an admin key: these operations act for the key's own tenant.")
public class SubscriberResource {

  private static final String USERNAME = "The account's username (the SIP user part)";
  private static final String NO_SUBSCRIBER = "The tenant has no subscriber of that username.";

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
  @Operation(
      summary = "Create a SIP account",
      description =
          "A subscriber of the caller's tenant: a phone registers as username@<the tenant's SIP"
              + " domain> and authenticates with this password, of which only HA1 digests (MD5 and"
              + " SHA-256, RFC 8760) are stored. Location names the new account.")
  @APIResponseSchema(
      value = SubscriberInfo.class,
      responseCode = "201",
      responseDescription = "The account as created")
  @APIResponse(
      responseCode = "400",
      description = "A field is missing, too long or ill-formed; errors names each one.")
  @APIResponse(
      responseCode = "409",
      description = "The tenant has a subscriber of that username already; errors names username.")
  public Response create(
      @RequestBody(description = "The new account", required = true) @Valid @NotNull
          SubscriberRequest body,
      UriInfo uri) {
    SubscriberInfo created =
        subscribers.create(
            client.tenantId(), body.username(), body.password(), blankToNull(body.displayName()));
    return Response.created(uri.getAbsolutePathBuilder().path(created.username()).build())
        .entity(created)
        .build();
  }

  /** A page in username order; pass the last username seen as {@code after} for the next. */
  @GET
  @Operation(
      summary = "List SIP accounts",
      description =
          "A page of the tenant's subscribers in username order. For the next page pass the last"
              + " username seen as after; a page shorter than limit is the last.")
  @APIResponse(responseCode = "200", description = "One page of accounts, in username order")
  @APIResponse(responseCode = "400", description = "limit is not 1 to 1000.")
  @APIResponse(
      responseCode = "404",
      description =
          "limit is not a whole number: the request matches no resource (JAX-RS answers a query parameter it cannot"
              + " read so).")
  public List<SubscriberInfo> list(
      @Parameter(description = "The last username of the previous page; absent for the first")
          @QueryParam("after")
          String after,
      @Parameter(description = "Accounts per page, 1 to 1000")
          @QueryParam("limit")
          @DefaultValue("100")
          @Min(1)
          @Max(1000)
          int limit) {
    return subscribers.page(client.tenantId(), after, limit);
  }

  /**
   * On the event loop: answered from the SIP directory's memory when it holds the subscriber, and
   * only otherwise read from the database, on a worker.
   */
  @GET
  @Path("{username}")
  @Operation(
      summary = "Show a SIP account",
      description =
          "One subscriber, from the same directory the registrar reads: a change made on this"
              + " node shows at once, one made on another as soon as its change notice arrives.")
  @APIResponse(responseCode = "200", description = "The account")
  @APIResponse(responseCode = "404", description = NO_SUBSCRIBER)
  public Uni<SubscriberInfo> get(
      @Parameter(description = USERNAME) @PathParam("username") String username) {
    UUID tenantId = client.tenantId();
    Optional<SubscriberInfo> known = subscribers.getFromMemory(tenantId, username);
    if (known.isPresent()) {
      return Uni.createFrom().item(known.get());
    }
    return OffEventLoop.call(() -> subscribers.get(tenantId, username));
  }

  @PATCH
  @Path("{username}")
  @Operation(
      summary = "Change a SIP account",
      description =
          "Sets a new password (the digests are made again for the tenant's current SIP domain)"
              + " or display name; fields left out keep their value. Existing registrations stay.")
  @APIResponse(responseCode = "200", description = "The account as changed")
  @APIResponse(
      responseCode = "400",
      description = "A field is too long, too short or holds control characters.")
  @APIResponse(responseCode = "404", description = NO_SUBSCRIBER)
  public SubscriberInfo update(
      @Parameter(description = USERNAME) @PathParam("username") String username,
      @RequestBody(description = "The fields to change", required = true) @Valid @NotNull
          SubscriberPatch body) {
    return subscribers.update(client.tenantId(), username, body.password(), body.displayName());
  }

  /** Deletes the account and its bindings. */
  @DELETE
  @Path("{username}")
  @Operation(
      summary = "Delete a SIP account",
      description =
          "Deletes the subscriber, then every binding of its address-of-record on every node:"
              + " calls to it are no longer redirected.")
  @APIResponse(responseCode = "204", description = "Deleted, with its registrations")
  @APIResponse(responseCode = "404", description = NO_SUBSCRIBER)
  public Response delete(@Parameter(description = USERNAME) @PathParam("username") String username)
      throws Exception {
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
  @Operation(
      summary = "Import SIP accounts from CSV",
      description =
          "Creates the accounts of every row, or replaces the password and display name of those"
              + " that exist, in one transaction: every row is checked first, and one bad row"
              + " means nothing is written.")
  @APIResponseSchema(
      value = ImportOutcome.Imported.class,
      responseCode = "200",
      responseDescription = "Every row written: how many accounts were made and how many replaced")
  @APIResponse(
      responseCode = "400",
      description =
          "A row is bad (a field ill-formed, a username twice, too many fields), the body is not"
              + " CSV, it has no rows or more than 1,000,000. Nothing was written; errors names"
              + " each bad row as 'line N' (the first 100).")
  public Response importCsv(
      @RequestBody(
              description =
                  "RFC 4180 CSV, one account a row: username,password[,displayName]; an optional"
                      + " header line starting with 'username'; empty lines are skipped",
              required = true)
          InputStream body)
      throws Exception {
    ImportOutcome.Imported imported =
        importer.run(client.tenantId(), new InputStreamReader(body, StandardCharsets.UTF_8));
    return Response.ok(imported).build();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
