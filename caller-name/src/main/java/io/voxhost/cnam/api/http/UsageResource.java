package io.voxhost.cnam.api.http;

import io.voxhost.cnam.service.DipLedger;
import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.service.InvalidInput;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The dips to upstream providers the tenant's lookups caused, by day and provider. */
@Path("/api/v1/cnam/usage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = CnamTag.NAME, description = CnamTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "403", description = CnamTag.TENANT_ONLY)
public class UsageResource {

  static final String FROM = "First day (UTC, YYYY-MM-DD), included; default 30 days before to";
  static final String TO = "Last day (UTC, YYYY-MM-DD), included; default today";
  static final int MAX_DAYS = 366;
  static final String WRITTEN =
      " Counts are written every voxhost.cnam.usage-flush-interval (15 s by default), so the last"
          + " seconds' dips may not show yet.";

  private final AuthenticatedClient client;
  private final DipLedger ledger;

  UsageResource(AuthenticatedClient client, DipLedger ledger) {
    this.client = client;
    this.ledger = ledger;
  }

  /** One day's dips at one provider. */
  @Schema(description = "The dips one tenant caused at one provider on one day")
  public record UsageDay(
      @Schema(description = "The day, UTC, as YYYY-MM-DD") String day,
      @Schema(description = "The provider asked") String provider,
      @Schema(description = "Dips the provider answered (a name or a definite no name)")
          long dips) {}

  /** The tenant's dips over a range of days. */
  @Schema(description = "The tenant's dips to upstream providers over a range of days")
  public record UsageView(
      @Schema(description = "The first day, UTC, as YYYY-MM-DD") String from,
      @Schema(description = "The last day, UTC, as YYYY-MM-DD") String to,
      @Schema(description = "By day, then provider; days without dips left out")
          List<UsageDay> days) {}

  @GET
  @Operation(
      summary = "Show the tenant's provider dips",
      description =
          "Dips billed to the tenant: those its lookups (or stale answers they were given) made a"
              + " provider answer. Lookups answered from memory, or that joined another's dip in"
              + " flight, are not billed; failed dips are not either."
              + WRITTEN)
  @APIResponse(responseCode = "200", description = "The dips by day and provider")
  @APIResponse(
      responseCode = "400",
      description = "A date that is not YYYY-MM-DD, from after to, or more than 366 days")
  public UsageView get(
      @Parameter(description = FROM) @QueryParam("from") String from,
      @Parameter(description = TO) @QueryParam("to") String to) {
    LocalDate[] range = range(ledger.today(), from, to);
    return new UsageView(
        range[0].toString(),
        range[1].toString(),
        ledger.tenantUsage(client.tenantId(), range[0], range[1]).stream()
            .map(d -> new UsageDay(d.day().toString(), d.provider(), d.dips()))
            .toList());
  }

  /** {@code from} and {@code to} read and checked; defaults the last 30 days. */
  static LocalDate[] range(LocalDate today, String from, String to) {
    LocalDate last = date("to", to, today);
    LocalDate first = date("from", from, last.minusDays(30));
    if (first.isAfter(last)) {
      throw new InvalidInput(
          "from must not be after to",
          List.of(new InvalidInput.FieldProblem("from", "on or before " + last)));
    }
    if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
      throw new InvalidInput(
          "at most " + MAX_DAYS + " days at once",
          List.of(
              new InvalidInput.FieldProblem("from", "at most " + MAX_DAYS + " days before to")));
    }
    return new LocalDate[] {first, last};
  }

  private static LocalDate date(String field, String text, LocalDate otherwise) {
    if (text == null || text.isBlank()) {
      return otherwise;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidInput(
          field + " is not a date: " + (text.length() > 20 ? text.substring(0, 20) : text),
          List.of(new InvalidInput.FieldProblem(field, "a day as YYYY-MM-DD")));
    }
  }
}
