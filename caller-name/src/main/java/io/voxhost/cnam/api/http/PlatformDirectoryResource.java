package io.voxhost.cnam.api.http;

import io.voxhost.cnam.service.DirectoryScope;
import io.voxhost.cnam.service.DirectoryService;
import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.imports.ImportRejected;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The platform's directory of callers' names, which every tenant's lookups see after their own
 * directory and before the providers. Admin keys only: a tenant's key gets 403.
 */
@Path(PlatformDirectoryResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = CnamTag.NAME, description = CnamTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "403", description = PlatformDirectoryResource.ADMIN_ONLY)
public class PlatformDirectoryResource {

  static final String PATH = "/api/v1/admin/cnam/directory";
  static final String ADMIN_ONLY =
      "The key is no admin key: the platform's directory is the operator's.";
  static final String NO_ENTRY = "The platform's directory has no entry for the number.";
  static final String BAD_NUMBER =
      "The number is not one: E.164 or a national number of the node's"
          + " voxhost.cnam.default-region; the detail quotes it";

  private final AuthenticatedClient client;
  private final DirectoryEndpoints endpoints;

  PlatformDirectoryResource(AuthenticatedClient client, DirectoryService directory) {
    this.client = client;
    this.endpoints = new DirectoryEndpoints(directory, PATH);
  }

  @GET
  @Operation(
      summary = "List the platform's directory",
      description =
          "A page of the platform's entries in number order. For the next page pass the page's"
              + " next as after; next is null on the last page.")
  @APIResponse(responseCode = "200", description = "One page of entries")
  @APIResponse(responseCode = "400", description = "limit is not 1 to 1000")
  @APIResponse(
      responseCode = "404",
      description =
          "limit is not a whole number: the request matches no resource (JAX-RS answers a query"
              + " parameter it cannot read so)")
  public DirectoryViews.Page list(
      @Parameter(description = DirectoryEndpoints.AFTER) @QueryParam("after") String after,
      @Parameter(description = DirectoryEndpoints.LIMIT) @QueryParam("limit") @DefaultValue("100")
          int limit) {
    return endpoints.list(scope(), after, limit);
  }

  @GET
  @Path("{number}")
  @Operation(summary = "Show a platform directory entry", description = "The name the number has.")
  @APIResponse(responseCode = "200", description = "The entry")
  @APIResponse(responseCode = "400", description = BAD_NUMBER)
  @APIResponse(responseCode = "404", description = NO_ENTRY)
  public DirectoryViews.Entry get(
      @Parameter(description = DirectoryViews.NUMBER) @PathParam("number") String number) {
    return endpoints.get(scope(), number);
  }

  @PUT
  @Path("{number}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Name a number for every tenant",
      description =
          "Creates the number's entry, or replaces its name; the next lookup on every node"
              + " answers it (source platform), unless the tenant's own directory names it.")
  @APIResponseSchema(
      value = DirectoryViews.Entry.class,
      responseCode = "200",
      responseDescription = "The entry as replaced")
  @APIResponse(responseCode = "201", description = "The entry as created; Location names it")
  @APIResponse(
      responseCode = "400",
      description =
          "The number is not one, or the name is missing, has control characters or nothing"
              + " printable; errors names number or name")
  @APIResponse(responseCode = "409", description = DirectoryEndpoints.FULL)
  public Response put(
      @Parameter(description = DirectoryViews.NUMBER) @PathParam("number") String number,
      @RequestBody(description = "The name", required = true) DirectoryViews.Name body,
      UriInfo uri) {
    return endpoints.put(scope(), number, body, uri);
  }

  @DELETE
  @Path("{number}")
  @Operation(
      summary = "Remove a platform directory entry",
      description = "The number has no name here.")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "400", description = BAD_NUMBER)
  @APIResponse(responseCode = "404", description = NO_ENTRY)
  public Response delete(
      @Parameter(description = DirectoryViews.NUMBER) @PathParam("number") String number) {
    endpoints.delete(scope(), number);
    return Response.noContent().build();
  }

  @DELETE
  @Operation(
      summary = "Clear the platform's directory",
      description = "Removes every entry at once.")
  @APIResponse(responseCode = "200", description = "How many entries were removed")
  public DirectoryViews.Cleared clear() {
    return endpoints.clear(scope());
  }

  @POST
  @Path("import")
  @Consumes({"text/csv", MediaType.TEXT_PLAIN})
  @Operation(
      summary = "Import the platform's directory from CSV",
      description = DirectoryEndpoints.IMPORT)
  @APIResponse(responseCode = "200", description = "Every row written")
  @APIResponse(responseCode = "400", description = DirectoryEndpoints.IMPORT_REFUSED)
  @APIResponse(
      responseCode = "429",
      description = "Two imports already run on this node; Retry-After says when to try again")
  @APIResponse(responseCode = "409", description = DirectoryEndpoints.FULL)
  @APIResponse(responseCode = "413", description = DirectoryEndpoints.TOO_LARGE)
  public DirectoryViews.Imported importCsv(
      @Parameter(description = DirectoryEndpoints.REPLACE)
          @QueryParam("replace")
          @DefaultValue("false")
          boolean replace,
      @RequestBody(description = DirectoryEndpoints.CSV, required = true) InputStream body)
      throws IOException, ImportRejected {
    return endpoints.load(scope(), body, replace);
  }

  private DirectoryScope scope() {
    client.requireAdmin();
    return DirectoryScope.PLATFORM;
  }
}
