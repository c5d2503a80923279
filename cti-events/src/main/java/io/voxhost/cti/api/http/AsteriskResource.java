package io.voxhost.cti.api.http;

import io.smallrye.common.annotation.Blocking;
import io.voxhost.cti.service.AsteriskCel;
import io.voxhost.cti.service.AsteriskQueueLog;
import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.imports.CsvImport;
import io.voxhost.platform.imports.ImportRejected;
import io.voxhost.platform.service.InvalidInput;
import io.voxhost.platform.service.InvalidInput.FieldProblem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Asterisk's own files, sent as they are written: CEL rows of a {@code cel_custom} CSV or of the
 * {@code cel} table, and {@code queue_log} lines. Each row or line becomes one event
 * (cti-formats.md, sections 1 and 2); sending a file again, or a file that overlaps the last,
 * stores nothing twice.
 */
@Path("/api/v1/cti/asterisk/{instance}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = CtiTag.NAME, description = CtiTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "403", description = CtiTag.TENANT_ONLY)
public class AsteriskResource {

  /** A queue_log line longer than this is no queue_log line. */
  static final int MAX_LINE = 8192;

  private final AuthenticatedClient client;
  private final EventSubmission submission;

  AsteriskResource(AuthenticatedClient client, EventSubmission submission) {
    this.client = client;
    this.submission = submission;
  }

  @POST
  @Path("/cel")
  @Consumes({"text/csv", MediaType.TEXT_PLAIN})
  @Blocking
  @Operation(
      summary = "Send Asterisk CEL rows",
      description =
          "The CSV that cel_custom writes, one CEL event a row, with eventtime as Asterisk writes"
              + " it when cel.conf sets no dateformat (seconds.microseconds). The columns are those"
              + " of cel_custom.conf.sample's mapping unless `columns` names them. A row that is"
              + " not an event is listed by line; the others are taken.")
  @APIResponse(responseCode = "200", description = "Accepted, duplicate and rejected rows")
  @APIResponse(responseCode = "400", description = "Not CSV, or columns that lack a needed one")
  @APIResponse(responseCode = "429", description = "The tenant's queue is full: send again later")
  @APIResponse(responseCode = "503", description = "The node's queue is full: send again later")
  public EventSubmission.Answer cel(
      @Parameter(description = "The Asterisk system's name, as its events should be known")
          @PathParam("instance")
          String instance,
      @Parameter(
              description =
                  "The mapping's columns in order, comma-separated: eventtype, literal (a column"
                      + " to skip), eventtime, cid_name, cid_num, ..., uniqueid, linkedid, peer,"
                      + " extra; or the advanced mapping's names (EventType, EventTime, UniqueID,"
                      + " LinkedID, CIDnum, Extra ...)")
          @QueryParam("columns")
          String columns,
      @Parameter(
              description =
                  "The IANA zone of eventtime values written as a date and time without an offset"
                      + " (cel.conf's dateformat set)")
          @QueryParam("zone")
          @DefaultValue("UTC")
          String zone,
      @RequestBody(
              description = "CEL rows as cel_custom writes them, one a line (RFC 4180 quoting)",
              required = true)
          InputStream body)
      throws IOException, ImportRejected {
    UUID tenant = client.tenantId();
    ZoneId zoneId = zone(zone);
    List<String> mapping =
        columns == null || columns.isBlank()
            ? AsteriskCel.SAMPLE_COLUMNS
            : Arrays.asList(columns.split(","));
    return sendCel(
        tenant,
        instance,
        mapping,
        zoneId,
        "columns",
        new InputStreamReader(body, StandardCharsets.UTF_8),
        "eventtype");
  }

  @POST
  @Path("/cel-table")
  @Consumes({"text/csv", MediaType.TEXT_PLAIN})
  @Blocking
  @Operation(
      summary = "Send rows of Asterisk's cel table",
      description =
          "Rows of the cel table that cel_pgsql or cel_odbc write, as a CSV with a header line"
              + " naming the columns (what PostgreSQL's COPY cel TO STDOUT WITH CSV HEADER gives,"
              + " or any CSV export of the table with a header): id, eventtype, eventtime, cid_name, cid_num, ..., uniqueid, linkedid,"
              + " peer, extra; other columns are skipped. A row's id is its event's, so rows sent"
              + " again are stored once. eventtime without an offset is in zone.")
  @APIResponse(responseCode = "200", description = "Accepted, duplicate and rejected rows")
  @APIResponse(
      responseCode = "400",
      description = "Not CSV, no header line naming the needed columns, or an unknown zone")
  @APIResponse(responseCode = "429", description = "The tenant's queue is full: send again later")
  @APIResponse(responseCode = "503", description = "The node's queue is full: send again later")
  public EventSubmission.Answer celTable(
      @Parameter(description = "The Asterisk system's name, as its events should be known")
          @PathParam("instance")
          String instance,
      @Parameter(
              description =
                  "The IANA zone of eventtime values without an offset (cel_pgsql writes the"
                      + " PBX's local time unless usegmtime is set)")
          @QueryParam("zone")
          @DefaultValue("UTC")
          String zone,
      @RequestBody(
              description = "The rows, a header line first (RFC 4180 quoting)",
              required = true)
          InputStream body)
      throws IOException, ImportRejected {
    UUID tenant = client.tenantId();
    ZoneId zoneId = zone(zone);
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 65_536);
    reader.mark(65_536);
    String header = reader.readLine();
    reader.reset();
    if (header == null || header.isBlank()) {
      throw new InvalidInput(
          "no header line", List.of(new FieldProblem("body", "a header line naming the columns")));
    }
    List<String> columns =
        Arrays.stream(header.split(",")).map(c -> c.replace("\"", "").strip()).toList();
    return sendCel(tenant, instance, columns, zoneId, "header", reader, columns.get(0));
  }

  /**
   * CEL rows in {@code columns}' order as events; {@code field} names where the columns came from
   * when they lack a needed one, and a first line starting with {@code header} is skipped.
   */
  private EventSubmission.Answer sendCel(
      UUID tenant,
      String instance,
      List<String> columns,
      ZoneId zone,
      String field,
      Reader rows,
      String header)
      throws IOException, ImportRejected {
    AsteriskCel cel;
    try {
      cel = new AsteriskCel(columns, zone);
    } catch (IllegalArgumentException e) {
      throw new InvalidInput(e.getMessage(), List.of(new FieldProblem(field, e.getMessage())));
    }
    List<EventSubmission.Placed> inputs =
        CsvImport.read(
            rows,
            header,
            fields ->
                new EventSubmission.Placed(
                    cel.read(instance, fields::get), null, fields.line(), List.of()));
    return submission.send(tenant, inputs);
  }

  @POST
  @Path("/queue-log")
  @Consumes(MediaType.TEXT_PLAIN)
  @Blocking
  @Operation(
      summary = "Send Asterisk queue_log lines",
      description =
          "Lines of the queue_log file (epoch|callid|queue|agent|EVENT|data...), one event a"
              + " line; empty lines are skipped. A line that is not an event is listed by its"
              + " number; the others are taken.")
  @APIResponse(responseCode = "200", description = "Accepted, duplicate and rejected lines")
  @APIResponse(responseCode = "400", description = "A line too long, or too many lines")
  @APIResponse(responseCode = "429", description = "The tenant's queue is full: send again later")
  @APIResponse(responseCode = "503", description = "The node's queue is full: send again later")
  public EventSubmission.Answer queueLog(
      @Parameter(description = "The Asterisk system's name, as its events should be known")
          @PathParam("instance")
          String instance,
      @RequestBody(description = "queue_log lines, as Asterisk writes them", required = true)
          InputStream body)
      throws IOException {
    UUID tenant = client.tenantId();
    List<EventSubmission.Placed> inputs = new ArrayList<>();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String line;
      long number = 0;
      while ((line = lines.readLine()) != null) {
        number++;
        if (line.length() > MAX_LINE) {
          throw new InvalidInput(
              "line " + number + " is longer than " + MAX_LINE + " characters",
              List.of(new FieldProblem("line " + number, "at most " + MAX_LINE + " characters")));
        }
        if (line.isBlank()) {
          continue;
        }
        if (inputs.size() >= CsvImport.MAX_ROWS) {
          throw new InvalidInput(
              "more than " + CsvImport.MAX_ROWS + " lines in one request",
              List.of(new FieldProblem("line " + number, "send the rest in another request")));
        }
        inputs.add(
            new EventSubmission.Placed(
                AsteriskQueueLog.read(instance, line), null, number, List.of()));
      }
    }
    return submission.send(tenant, inputs);
  }

  private static ZoneId zone(String zone) {
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new InvalidInput(
          "zone is no IANA time zone", List.of(new FieldProblem("zone", "an IANA time zone")));
    }
  }
}
