package io.voxhost.recording.api;

import io.voxhost.platform.api.problem.ApiProblem;
import java.util.List;
import java.util.Map;

/** The problems of the recording role's limits, as the API answers them. */
final class LimitProblems {

  static final String INSUFFICIENT_STORAGE =
      "The recordings volume of this node is below its free-space floor"
          + " (voxhost.recording.free-space-floor), or this recording would take it there: nothing"
          + " was written; send it to another node.";

  private LimitProblems() {}

  /** 507 Insufficient Storage (RFC 4918): this node has no room for the recording. */
  static ApiProblem insufficientStorage(String detail) {
    return new ApiProblem(
        507,
        "https://voxhost.io/problems/insufficient-storage",
        "Insufficient storage",
        detail,
        List.of(),
        Map.of());
  }

  /**
   * 429: the tenant has its limit of sessions open on this node. Not 503: the node has room, this
   * tenant has used its share; no Retry-After, as only the tenant's own stops free one.
   */
  static ApiProblem tenantSessionLimit(String detail) {
    return new ApiProblem(
        429,
        "https://voxhost.io/problems/tenant-session-limit",
        "Too many open sessions",
        detail,
        List.of(),
        Map.of());
  }
}
