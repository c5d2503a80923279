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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's phones: the device registry that generated files are made from. */
@Path("/api/v1/provisioning/devices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "provisioning")
@SecurityRequirement(name = "apiKey")
public class DeviceResource {

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
  public Response create(DeviceRequest body, UriInfo uri) {
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
  public List<DeviceView> list(
      @QueryParam("after") String after,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
    return devices.page(client.tenantId(), after, limit).stream().map(DeviceView::of).toList();
  }

  @GET
  @Path("{mac}")
  public DeviceView get(@PathParam("mac") String mac) {
    return DeviceView.of(devices.get(client.tenantId(), mac));
  }

  /** Replaces the device's description; passwords left out are kept. */
  @PUT
  @Path("{mac}")
  public DeviceView replace(@PathParam("mac") String mac, DeviceRequest body) {
    if (body == null) {
      throw ApiProblem.badRequest("a device is required", List.of());
    }
    return DeviceView.of(devices.replace(client.tenantId(), mac, body.spec()));
  }

  @DELETE
  @Path("{mac}")
  public Response delete(@PathParam("mac") String mac) {
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
  public Response importCsv(InputStream body) throws Exception {
    int imported =
        importer.run(client.tenantId(), new InputStreamReader(body, StandardCharsets.UTF_8));
    return Response.ok(new ImportResult(imported)).build();
  }

  /** How many devices an import created or replaced. */
  public record ImportResult(int imported) {}

  /** The file {@code name} as the device would get it, without serving or auditing it. */
  @GET
  @Path("{mac}/preview/{name}")
  @Produces(MediaType.TEXT_PLAIN)
  public Response preview(@PathParam("mac") String macText, @PathParam("name") String name)
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
