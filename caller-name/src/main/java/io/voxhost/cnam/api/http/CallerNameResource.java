package io.voxhost.cnam.api.http;

import io.smallrye.mutiny.Uni;
import io.voxhost.cnam.api.CallerName;
import io.voxhost.cnam.api.CallerNames;
import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.service.InvalidInput;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Caller-name lookups. Answered on the event loop when memory knows the answer; otherwise the
 * request waits, without holding a thread, for at most the node's budget.
 */
@Path("/api/v1/cnam")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = CnamTag.NAME, description = CnamTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "403", description = CnamTag.TENANT_ONLY)
public class CallerNameResource {

  static final int MAX_BATCH = 1000;

  private final AuthenticatedClient client;
  private final CallerNames names;

  CallerNameResource(AuthenticatedClient client, CallerNames names) {
    this.client = client;
    this.names = names;
  }

  /** A batch of numbers to look up at once. */
  @Schema(description = "Numbers to look up at once, 1 to 1000")
  public record Batch(
      @Schema(
              description =
                  "The numbers, each as GET /api/v1/cnam/{number} takes it; a number given twice"
                      + " is looked up once")
          List<String> numbers) {}

  /** The answers of a batch, in the order of its numbers. */
  @Schema(description = "One answer per number, in the order given")
  public record BatchAnswer(@Schema(description = "The answers") List<CallerName> results) {}

  @GET
  @Path("/{number}")
  @Operation(
      summary = "Look up a caller's name",
      description =
          "The name of a number: the tenant's subscribers first (an extension such as 1001"
              + " works), then its directory, the platform's directory and the upstream"
              + " providers the tenant chose, within the node's budget (voxhost.cnam.budget)."
              + " Unknown numbers answer with \"name\": null and source none, never a"
              + " placeholder.")
  @APIResponse(responseCode = "200", description = "The number, in E.164 form, and its name")
  @APIResponse(
      responseCode = "400",
      description =
          "Not a number: neither E.164 (+ and country code), nor a number of the tenant's region,"
              + " nor one of its subscribers; the detail quotes the input")
  public Uni<CallerName> lookup(
      @Parameter(
              description =
                  "E.164 (+14155550123), a national number read in the tenant's region, an"
                      + " extension, or a sip:/tel: URI")
          @PathParam("number")
          String number) {
    UUID tenant = client.tenantId();
    // Memory's answer as a plain item: no stage to wrap, no context to capture and restore.
    Optional<CallerName> known = names.inMemory(tenant, number);
    if (known.isPresent()) {
      return Uni.createFrom().item(known.get());
    }
    return Uni.createFrom().completionStage(() -> names.lookup(tenant, number));
  }

  @POST
  @Path("/lookups")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Look up many callers' names",
      description =
          "Up to 1000 numbers looked up at once, all within one budget; a read, which read-only"
              + " keys may make. If any number is not valid, nothing is answered but a 400 naming"
              + " each bad one by its index.")
  @APIResponse(responseCode = "200", description = "One answer per number, in order")
  @APIResponse(
      responseCode = "400",
      description =
          "No numbers, more than 1000, or numbers that are not valid; errors names each as"
              + " numbers[i]")
  public Uni<BatchAnswer> lookups(
      @RequestBody(description = "The numbers", required = true) Batch batch) {
    UUID tenant = client.tenantId();
    if (batch == null || batch.numbers() == null || batch.numbers().isEmpty()) {
      throw new InvalidInput(
          "give the numbers to look up as {\"numbers\": [...]}",
          List.of(new InvalidInput.FieldProblem("numbers", "1 to " + MAX_BATCH + " numbers")));
    }
    if (batch.numbers().size() > MAX_BATCH) {
      throw new InvalidInput(
          "at most " + MAX_BATCH + " numbers in one batch, not " + batch.numbers().size(),
          List.of(new InvalidInput.FieldProblem("numbers", "1 to " + MAX_BATCH + " numbers")));
    }
    Map<String, CompletableFuture<CallerName>> once = new LinkedHashMap<>();
    for (String number : batch.numbers()) {
      once.computeIfAbsent(number, n -> start(tenant, n));
    }
    CompletableFuture<Void> all =
        CompletableFuture.allOf(once.values().toArray(new CompletableFuture[0]));
    return Uni.createFrom()
        .completionStage(
            all.handle(
                (ignored, failure) -> {
                  List<InvalidInput.FieldProblem> bad = new ArrayList<>();
                  List<CallerName> results = new ArrayList<>();
                  for (int i = 0; i < batch.numbers().size(); i++) {
                    CompletableFuture<CallerName> answer = once.get(batch.numbers().get(i));
                    try {
                      results.add(answer.join());
                    } catch (CompletionException e) {
                      if (e.getCause() instanceof InvalidInput invalid) {
                        bad.add(
                            new InvalidInput.FieldProblem(
                                "numbers[" + i + "]", invalid.getMessage()));
                      } else {
                        throw e;
                      }
                    }
                  }
                  if (!bad.isEmpty()) {
                    throw new InvalidInput(bad.size() + " of the numbers are not valid", bad);
                  }
                  return new BatchAnswer(results);
                }));
  }

  private CompletableFuture<CallerName> start(UUID tenant, String number) {
    try {
      return names.lookup(tenant, number).toCompletableFuture();
    } catch (InvalidInput e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
