package io.voxhost.tftp.api;

import io.vertx.core.http.HttpServerRequest;
import io.voxhost.platform.api.ByteRange;
import io.voxhost.platform.api.EntityTags;
import io.voxhost.tftp.TftpConfig;
import io.voxhost.tftp.service.Fetch;
import io.voxhost.tftp.service.FetchGuard;
import io.voxhost.tftp.service.FetchLog;
import io.voxhost.tftp.service.FileName;
import io.voxhost.tftp.service.MacAddress;
import io.voxhost.tftp.service.ProvisioningFiles;
import io.voxhost.tftp.service.Requester;
import io.voxhost.tftp.service.ServedFile;
import io.voxhost.tftp.service.VendorCertificates;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.PathPart;

/**
 * The TFTP namespace over HTTP, for phones that prefer it: the same names give the same bytes. With
 * ETag / If-None-Match (304), a single byte Range (206, 416), and HTTP Basic for devices that have
 * credentials. Not under {@code /api}: phones have no API keys.
 */
@Path("/provision")
@Tag(name = ProvisioningTag.NAME, description = ProvisioningTag.DESCRIPTION)
@APIResponse(
    responseCode = "200",
    description =
        "The whole file: application/xml, text/plain or application/octet-stream by its name. A"
            + " HEAD answers the headers only, with Content-Length",
    headers = {
      @Header(
          name = "ETag",
          description = ProvisioningResource.ETAG,
          schema = @Schema(type = SchemaType.STRING)),
      @Header(
          name = "Accept-Ranges",
          description = "bytes",
          schema = @Schema(type = SchemaType.STRING))
    },
    content = {
      @Content(mediaType = "application/xml", schema = @Schema(type = SchemaType.STRING)),
      @Content(mediaType = "text/plain; charset=utf-8", schema = @Schema(type = SchemaType.STRING)),
      @Content(
          mediaType = "application/octet-stream",
          schema = @Schema(type = SchemaType.STRING, format = "binary"))
    })
@APIResponse(
    responseCode = "206",
    description = "The one byte range asked for with Range",
    headers =
        @Header(
            name = "Content-Range",
            description = "bytes first-last/size",
            schema = @Schema(type = SchemaType.STRING)),
    content =
        @Content(
            mediaType = "application/octet-stream",
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
@APIResponse(
    responseCode = "304",
    description = "If-None-Match names the file's current ETag: the phone's copy is current")
@APIResponse(
    responseCode = "401",
    description =
        "The file is a device's that has HTTP credentials (httpUser), the source may otherwise"
            + " fetch it, and the request's HTTP Basic ones are missing or wrong (wrong ones count"
            + " towards voxhost.tftp.fetch-limit)",
    headers =
        @Header(
            name = "WWW-Authenticate",
            description = "Basic realm=\"voxhost provisioning\", charset=\"UTF-8\"",
            schema = @Schema(type = SchemaType.STRING)),
    content = @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING)))
@APIResponse(
    responseCode = "403",
    description =
        "The name is refused (empty, over 255 characters, absolute, with .., a hidden segment, a"
            + " backslash, % or a character not allowed), or a static file cannot be read; the"
            + " body says why",
    content = @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING)))
@APIResponse(
    responseCode = "404",
    description =
        "No device file, static file or common file has that name, or the device's tenant's"
            + " fetch policy or site networks do not let this source have it: the same answer"
            + " (the voxhost.tftp.unknown-device-file stand-in where one is set, for both), so"
            + " that it tells nothing about which MACs exist. Both count towards"
            + " voxhost.tftp.fetch-limit",
    content = @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING)))
@APIResponse(
    responseCode = "429",
    description =
        "The source address is banned for voxhost.tftp.fetch-limit.ban after too many failed"
            + " fetches (unknown device names, devices it may not fetch, wrong credentials); the"
            + " same for every name",
    headers =
        @Header(
            name = "Retry-After",
            description = "Seconds of the ban",
            schema = @Schema(type = SchemaType.INTEGER)),
    content = @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING)))
@APIResponse(
    responseCode = "416",
    description = "The Range starts past the end of the file; no body",
    headers =
        @Header(
            name = "Content-Range",
            description = "bytes */size",
            schema = @Schema(type = SchemaType.STRING)))
public class ProvisioningResource {

  static final String ETAG =
      "Strong tag of the content: its digest for a generated file, size and time for a static one";
  private static final String NAME =
      "The file name, as over TFTP: a device's generated file by its vendor's naming (such as"
          + " SEP001565AABBCC.cnf.xml or 001565aabbcc.cfg), a static file under the TFTP root, or"
          + " a vendor's common file";
  private static final String IF_NONE_MATCH = "An ETag the phone holds: 304 if it is current";
  private static final String RANGE =
      "One byte range (bytes=first-last, first- or -suffix) for 206; several ranges, or"
          + " another unit, get the whole file";
  private static final String AUTHORIZATION =
      "HTTP Basic credentials, for a device that has an httpUser";

  private static final String REALM = "Basic realm=\"voxhost provisioning\", charset=\"UTF-8\"";

  private final ProvisioningFiles files;
  private final FetchLog fetches;
  private final FetchGuard guard;
  private final VendorCertificates vendors;
  private final TftpConfig config;

  ProvisioningResource(
      ProvisioningFiles files,
      FetchLog fetches,
      FetchGuard guard,
      VendorCertificates vendors,
      TftpConfig config) {
    this.files = files;
    this.fetches = fetches;
    this.guard = guard;
    this.vendors = vendors;
    this.config = config;
  }

  @GET
  @Path("{name: .+}")
  @Operation(
      summary = "Fetch a provisioning file",
      description =
          "For phones, without an API key: the same names give the same bytes as over TFTP. Every"
              + " fetch of a device's file is written to its tenant's fetch audit.")
  public CompletionStage<Response> get(
      @Parameter(description = NAME) @PathParam("name") String name,
      @Parameter(description = IF_NONE_MATCH) @HeaderParam(HttpHeaders.IF_NONE_MATCH)
          String ifNoneMatch,
      @Parameter(description = RANGE) @HeaderParam("Range") String range,
      @Parameter(description = AUTHORIZATION) @HeaderParam(HttpHeaders.AUTHORIZATION)
          String authorization,
      @Context HttpServerRequest http) {
    return serve(name, ifNoneMatch, range, authorization, http, true);
  }

  @HEAD
  @Path("{name: .+}")
  @Operation(
      summary = "Check a provisioning file",
      description =
          "As GET, without the body: the status and headers a GET would get, with"
              + " Content-Length.")
  public CompletionStage<Response> head(
      @Parameter(description = NAME) @PathParam("name") String name,
      @Parameter(description = IF_NONE_MATCH) @HeaderParam(HttpHeaders.IF_NONE_MATCH)
          String ifNoneMatch,
      @Parameter(description = RANGE) @HeaderParam("Range") String range,
      @Parameter(description = AUTHORIZATION) @HeaderParam(HttpHeaders.AUTHORIZATION)
          String authorization,
      @Context HttpServerRequest http) {
    return serve(name, ifNoneMatch, range, authorization, http, false);
  }

  private CompletionStage<Response> serve(
      String name,
      String ifNoneMatch,
      String range,
      String authorization,
      HttpServerRequest http,
      boolean body) {
    String source =
        http.remoteAddress() == null
            ? "unknown"
            : http.remoteAddress().hostAddress() + ":" + http.remoteAddress().port();
    Requester who = requester(http, authorization);
    if (guard.banned(who)) {
      // The same for every name, so it tells nothing about which MACs exist.
      return CompletableFuture.completedFuture(
          Response.status(429)
              .header("Retry-After", config.fetchLimit().ban().toSeconds())
              .type("text/plain")
              .entity("Too many failed requests from this address\n")
              .build());
    }
    Optional<String> refusal = FileName.refusal(name);
    if (refusal.isPresent()) {
      return CompletableFuture.completedFuture(
          Response.status(Response.Status.FORBIDDEN)
              .type("text/plain")
              .entity(refusal.get() + "\n")
              .build());
    }
    FileName asked = new FileName(name);
    return files
        .find(asked)
        .thenApply(
            file -> answer(file, guard.judge(asked, file, who), ifNoneMatch, range, source, body));
  }

  /** The source, its vendor certificate's MACs if it showed one over TLS, its Basic credentials. */
  private Requester requester(HttpServerRequest http, String authorization) {
    InetAddress address;
    try {
      // A numeric address from the connection: no name lookup.
      address =
          InetAddress.getByName(
              http.remoteAddress() == null ? "0.0.0.0" : http.remoteAddress().hostAddress());
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    Set<MacAddress> macs = Set.of();
    if (http.isSSL() && vendors.configured()) {
      SSLSession session = http.sslSession();
      if (session != null) {
        try {
          macs = vendors.macsOf(session.getPeerCertificates());
        } catch (SSLPeerUnverifiedException e) {
          // No client certificate: client-auth is "request", not "required".
        }
      }
    }
    String[] given = basic(authorization);
    return new Requester(
        address,
        Requester.Transport.HTTP,
        macs,
        given == null ? null : given[0],
        given == null ? null : given[1]);
  }

  private Response answer(
      ServedFile file,
      FetchGuard.Verdict verdict,
      String ifNoneMatch,
      String range,
      String source,
      boolean body) {
    String name = file.name().value();
    if (verdict == FetchGuard.Verdict.HIDE) {
      // The tenant's audit says why; the phone gets what an unknown name gets (404, or the
      // unknown-device stand-in).
      fetches.record(Fetch.of(file, name, source, "http", 0, "not_allowed"));
      ServedFile asUnknown = files.asUnknown(file.name());
      if (asUnknown instanceof ServedFile.Missing) {
        return notFound();
      }
      return answer(asUnknown, FetchGuard.Verdict.PROCEED, ifNoneMatch, range, source, body);
    }
    if (file instanceof ServedFile.Missing) {
      fetches.record(Fetch.of(file, name, source, "http", 0, "not_found"));
      return notFound();
    }
    if (file instanceof ServedFile.Forbidden f) {
      fetches.record(Fetch.of(file, name, source, "http", 0, "refused"));
      return Response.status(Response.Status.FORBIDDEN)
          .type("text/plain")
          .entity(f.reason() + "\n")
          .build();
    }
    if (verdict == FetchGuard.Verdict.CHALLENGE) {
      fetches.record(Fetch.of(file, name, source, "http", 0, "unauthorized"));
      return Response.status(Response.Status.UNAUTHORIZED)
          .header(HttpHeaders.WWW_AUTHENTICATE, REALM)
          .type("text/plain")
          .entity("Credentials required\n")
          .build();
    }
    long size = size(file);
    String etag = etag(file);
    if (EntityTags.matches(ifNoneMatch, etag)) {
      fetches.record(Fetch.of(file, name, source, "http", 0, "not_modified"));
      return Response.notModified().header(HttpHeaders.ETAG, etag).build();
    }
    ByteRange.Request wanted = ByteRange.of(range, size);
    if (wanted instanceof ByteRange.Unsatisfiable) {
      fetches.record(Fetch.of(file, name, source, "http", 0, "range_not_satisfiable"));
      return Response.status(416).header("Content-Range", "bytes */" + size).build();
    }
    ByteRange part = wanted instanceof ByteRange.Partial p ? p.range() : new ByteRange(0, size - 1);
    boolean partial = wanted instanceof ByteRange.Partial;
    Response.ResponseBuilder out =
        Response.status(partial ? 206 : 200)
            .type(contentType(name))
            .header(HttpHeaders.ETAG, etag)
            .header("Accept-Ranges", "bytes")
            .header("Cache-Control", "no-cache");
    if (partial) {
      out.header("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + size);
    }
    long length = size == 0 ? 0 : part.length();
    fetches.record(Fetch.of(file, name, source, "http", body ? length : 0, "completed"));
    if (!body) {
      return out.header(HttpHeaders.CONTENT_LENGTH, length).build();
    }
    if (file instanceof ServedFile.StaticFile s) {
      return out.entity(new PathPart(s.path(), part.first(), length)).build();
    }
    byte[] content = ((ServedFile.GeneratedFile) file).content();
    return out.entity(
            size == 0
                ? content
                : Arrays.copyOfRange(content, (int) part.first(), (int) part.last() + 1))
        .build();
  }

  private static Response notFound() {
    return Response.status(Response.Status.NOT_FOUND)
        .type("text/plain")
        .entity("File not found\n")
        .build();
  }

  private static long size(ServedFile file) {
    return file instanceof ServedFile.StaticFile s
        ? s.size()
        : ((ServedFile.GeneratedFile) file).content().length;
  }

  /** A strong tag: the content's digest for generated files, size and time for static ones. */
  private static String etag(ServedFile file) {
    if (file instanceof ServedFile.StaticFile s) {
      return "\"" + Long.toHexString(s.size()) + "-" + Long.toHexString(s.modifiedMillis()) + "\"";
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(((ServedFile.GeneratedFile) file).content());
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String[] basic(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).strip()),
              StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0
          ? null
          : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String contentType(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".xml") || n.endsWith(".htm")) {
      return "application/xml";
    }
    if (n.endsWith(".cfg") || n.endsWith(".boot") || n.endsWith(".txt")) {
      return "text/plain; charset=utf-8";
    }
    return "application/octet-stream";
  }
}
