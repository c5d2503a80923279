package io.voxhost.tftp.api;

import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.tftp.service.DeviceImport;
import io.voxhost.tftp.service.DeviceService;
import io.voxhost.tftp.service.FileName;
import io.voxhost.tftp.service.MacAddress;
import io.voxhost.tftp.service.ProvisioningFiles;
import io.voxhost.tftp.service.ServedFile;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's phones: the device registry that generated files are made from. */
@Path("/api/v1/provisioning/devices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ProvisioningTag.NAME, description = ProvisioningTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(
    responseCode = "403",
    description = "The key is an admin key: these operations act for the key's own tenant.")
public class DeviceResource {

  private static final String MAC = "The phone's MAC address, in any common notation";
  private static final String NO_DEVICE =
      "The tenant has no device with that MAC address (or it is not one).";
  private static final String BAD_DEVICE =
      "The body is missing, or a field is ill-formed (MAC, vendor, model, time zone, lines,"
          + " variables, HTTP credentials) or names a site the tenant does not have; errors names"
          + " each one.";

  private final AuthenticatedClient client;
  private final DeviceService devices;
  private final DeviceImport importer;
  private final ProvisioningFiles files;

  DeviceResource(
      AuthenticatedClient client,
      DeviceService devices,
      DeviceImport importer,
      ProvisioningFiles files) {
    this.client = client;
    this.devices = devices;
    this.importer = importer;
    this.files = files;
  }

  @POST
  @Operation(
      summary = "Register a phone",
      description =
          "Adds a phone to the tenant's registry: its files are generated from it when it"
              + " fetches them, over TFTP or HTTP. A MAC belongs to one tenant only. Location names"
              + " the device by its MAC.")
  @APIResponseSchema(
      value = DeviceView.class,
      responseCode = "201",
      responseDescription = "The device as registered")
  @APIResponse(responseCode = "400", description = BAD_DEVICE)
  @APIResponse(
      responseCode = "409",
      description =
          "A device with this MAC is registered already, by this or another tenant; errors"
              + " names mac.")
  public Response create(
      @RequestBody(description = "The phone", required = true) DeviceRequest body, UriInfo uri) {
    if (body == null) {
      throw ApiProblem.badRequest("a device is required", List.of());
    }
    DeviceView created = DeviceView.of(devices.create(client.tenantId(), body.spec()));
    return Response.created(uri.getAbsolutePathBuilder().path(created.mac()).build())
        .entity(created)
        .build();
  }

  /** A page in MAC order; pass the last MAC seen as {@code after} for the next. */
  @GET
  @Operation(
      summary = "List phones",
      description =
          "A page of the tenant's devices in MAC order. For the next page pass the last MAC seen"
              + " as after; a page shorter than limit is the last.")
  @APIResponse(responseCode = "200", description = "One page of devices, in MAC order")
  @APIResponse(responseCode = "400", description = "limit is not 1 to 1000.")
  @APIResponse(
      responseCode = "404",
      description =
          "limit is not a whole number: the request matches no resource (JAX-RS answers a query parameter it cannot"
              + " read so).")
  public List<DeviceView> list(
      @Parameter(description = "The last MAC of the previous page; absent for the first")
          @QueryParam("after")
          String after,
      @Parameter(description = "Devices per page, 1 to 1000")
          @QueryParam("limit")
          @DefaultValue("100")
          @Min(1)
          @Max(1000)
          int limit) {
    return devices.page(client.tenantId(), after, limit).stream().map(DeviceView::of).toList();
  }

  @GET
  @Path("{mac}")
  @Operation(summary = "Show a phone", description = "One device of the tenant, by its MAC.")
  @APIResponse(responseCode = "200", description = "The device")
  @APIResponse(responseCode = "404", description = NO_DEVICE)
  public DeviceView get(@Parameter(description = MAC) @PathParam("mac") String mac) {
    return DeviceView.of(devices.get(client.tenantId(), mac));
  }

  /** Replaces the device's description; passwords left out are kept. */
  @PUT
  @Path("{mac}")
  @Operation(
      summary = "Replace a phone's description",
      description =
          "Replaces everything but the MAC. A line's password left out keeps the stored one of"
              + " the same user, an httpPassword left out the stored one. Its files change on this"
              + " node at once, on others from the second fetch after"
              + " voxhost.tftp.device-cache-ttl.")
  @APIResponse(responseCode = "200", description = "The device as replaced")
  @APIResponse(responseCode = "400", description = BAD_DEVICE)
  @APIResponse(responseCode = "404", description = NO_DEVICE)
  public DeviceView replace(
      @Parameter(description = MAC) @PathParam("mac") String mac,
      @RequestBody(description = "The phone's new description", required = true)
          DeviceRequest body) {
    if (body == null) {
      throw ApiProblem.badRequest("a device is required", List.of());
    }
    return DeviceView.of(devices.replace(client.tenantId(), mac, body.spec()));
  }

  @DELETE
  @Path("{mac}")
  @Operation(
      summary = "Remove a phone",
      description =
          "Removes the device from the registry: its own files are no longer generated, and its"
              + " MAC is free for any tenant.")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "404", description = NO_DEVICE)
  public Response delete(@Parameter(description = MAC) @PathParam("mac") String mac) {
    devices.delete(client.tenantId(), mac);
    return Response.noContent().build();
  }

  /**
   * Creates or replaces devices from CSV (header {@code
   * mac,vendor,model,site,timeZone,language,lineUser,lineDisplayName,linePassword}); all rows or,
   * if any is bad, none, with the bad rows by line number.
   */
  @POST
  @Path("import")
  @Consumes({"text/csv", MediaType.TEXT_PLAIN})
  @Operation(
      summary = "Import phones from CSV",
      description =
          "Registers the device of every row, or replaces it when the tenant has that MAC"
              + " already, in one transaction: every row is checked first, and one bad row means"
              + " nothing is written.")
  @APIResponseSchema(
      value = ImportResult.class,
      responseCode = "200",
      responseDescription = "Every row written")
  @APIResponse(
      responseCode = "400",
      description =
          "A row is bad (a field ill-formed, a MAC twice or another tenant's, a site the tenant"
              + " lacks), the body is not CSV, it has no rows or more than 1,000,000. Nothing was"
              + " written; errors names each bad row as 'line N' (the first 100; line 0 for a"
              + " problem found while writing).")
  public Response importCsv(
      @RequestBody(
              description =
                  "RFC 4180 CSV, one device a row:"
                      + " mac,vendor,model,site,timeZone,language,lineUser,lineDisplayName,"
                      + "linePassword (the first three required, empty fields for none); an"
                      + " optional header line starting with 'mac'; empty lines are skipped",
              required = true)
          InputStream body)
      throws Exception {
    int imported =
        importer.run(client.tenantId(), new InputStreamReader(body, StandardCharsets.UTF_8));
    return Response.ok(new ImportResult(imported)).build();
  }

  /** How many devices an import created or replaced. */
  @Schema(description = "What a CSV import of devices wrote")
  public record ImportResult(@Schema(description = "Devices created or replaced") int imported) {}

  /** The file {@code name} as the device would get it, without serving or auditing it. */
  @GET
  @Path("{mac}/preview/{name}")
  @Produces(MediaType.TEXT_PLAIN)
  @Operation(
      summary = "Preview a generated file",
      description =
          "The file name as this device would get it, generated from the registry and the"
              + " templates now, without serving it or writing it to the fetch audit.")
  @APIResponse(
      responseCode = "200",
      description = "The file's text",
      content =
          @Content(
              mediaType = "text/plain;charset=utf-8",
              schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(
      responseCode = "404",
      description =
          "The tenant has no device with that MAC, or no file of that name is generated for"
              + " it.")
  public Response preview(
      @Parameter(description = MAC) @PathParam("mac") String macText,
      @Parameter(
              description =
                  "The file name as the phone asks for it, by its vendor's naming, such as"
                      + " 001565aabbcc.cfg or SEP001565AABBCC.cnf.xml")
          @PathParam("name")
          String name)
      throws Exception {
    MacAddress mac = devices.get(client.tenantId(), macText).mac();
    if (FileName.refusal(name).isPresent()) {
      throw ApiProblem.notFound("no generated file " + name + " for this device");
    }
    ServedFile file = files.preview(mac, new FileName(name)).get(10, TimeUnit.SECONDS);
    if (file instanceof ServedFile.GeneratedFile g && client.tenantId().equals(g.tenantId())) {
      return Response.ok(g.content()).type(MediaType.TEXT_PLAIN + ";charset=utf-8").build();
    }
    throw ApiProblem.notFound("no generated file " + name + " for this device");
  }
}
