package io.voxhost.bench.anchor;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The framework's limit for the caller-name lookup: the same routing (a path parameter), the
 * same Jackson serialization of a record of the same shape and size, on the event loop as a
 * lookup answered from memory is, and nothing else (no authentication, no lookup). bench/cnam.sh
 * divides {@code GET /api/v1/cnam/{number}}'s rate by this endpoint's rate in the same round.
 */
@Path("/constant")
public class ConstantResource {

  /** What {@code GET /api/v1/cnam/+14155550123} answers from the directory. */
  private static final LookupAnswer ANSWER =
      new LookupAnswer("+14155550123", "Acme Plumbing", "directory", false, null);

  @GET
  @Path("/{number}")
  @Produces(MediaType.APPLICATION_JSON)
  @NonBlocking
  public LookupAnswer constant(@PathParam("number") String number) {
    return ANSWER;
  }
}
