package io.voxhost.cti.api.http;

import io.voxhost.cti.service.CallOutcome;
import io.voxhost.cti.service.CallState;
import io.voxhost.cti.service.CallStore.CallFilter;
import io.voxhost.platform.api.InstantParameter;
import io.voxhost.platform.api.problem.ApiProblem;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The filters of a list or an export of calls: every one given must match. */
public class CallQuery {

  @Parameter(description = "Only calls started at or after this ISO-8601 instant")
  @QueryParam("from")
  String from;

  @Parameter(description = "Only calls started before this ISO-8601 instant")
  @QueryParam("to")
  String to;

  @Parameter(description = "Only calls in this state: open, complete, closed-by-sweep, unreadable")
  @QueryParam("state")
  String state;

  @Parameter(
      description =
          "Only calls with this outcome: answered, transferred, abandoned, voicemail, busy,"
              + " failed, no-answer")
  @QueryParam("outcome")
  String outcome;

  @Parameter(description = "Only calls that entered this queue first")
  @QueryParam("queue")
  String queue;

  @Parameter(description = "Only calls offered to this agent")
  @QueryParam("agent")
  String agent;

  @Parameter(description = "Only calls from or to this number, exactly as given")
  @QueryParam("number")
  String number;

  @Parameter(description = "Only the call that has this call key (an Asterisk linkedid)")
  @QueryParam("key")
  String key;

  /** The filters, checked: a 400 names the first that is not one of theirs. */
  CallFilter filter() {
    if (state != null) {
      checked("state", () -> CallState.of(state));
    }
    if (outcome != null) {
      checked("outcome", () -> CallOutcome.of(outcome));
    }
    return new CallFilter(
        InstantParameter.read("from", from),
        InstantParameter.read("to", to),
        state,
        outcome,
        queue,
        agent,
        number,
        key);
  }

  private static void checked(String field, Runnable parse) {
    try {
      parse.run();
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(field + ": " + e.getMessage(), List.of());
    }
  }
}
