package io.voxhost.recording.service;

import io.voxhost.platform.service.InvalidInput;
import io.voxhost.recording.RecordingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What an admin allows each tenant ({@link TenantLimits}), checked and applied. */
@ApplicationScoped
public class RecordingLimits {

  /** A session cap over this is no cap: more than any node opens ({@code max-sessions}). */
  static final int MAX_SESSIONS = 100_000;

  private final TenantLimitStore rows;
  private final RecordingConfig config;

  RecordingLimits(TenantLimitStore rows, RecordingConfig config) {
    this.rows = rows;
    this.config = config;
  }

  public TenantLimits of(UUID tenantId) {
    return rows.find(tenantId);
  }

  /** Capture sessions the tenant may have open on this node at once. */
  public int maxSessions(UUID tenantId) {
    Integer own = rows.find(tenantId).maxSessions();
    return own == null ? config.maxSessionsPerTenant() : own;
  }

  /** The node's default, for tenants an admin gave no figure. */
  public int defaultMaxSessions() {
    return config.maxSessionsPerTenant();
  }

  /**
   * Replaces the tenant's limits; a quota cap lowers the tenant's own quota to it if that was
   * higher or absent.
   */
  public TenantLimits save(UUID tenantId, TenantLimits limits) {
    List<InvalidInput.FieldProblem> problems = new ArrayList<>();
    if (limits.quotaCapBytes() != null && limits.quotaCapBytes() < 1) {
      problems.add(new InvalidInput.FieldProblem("quotaCapBytes", "a positive number, or null"));
    }
    if (limits.maxSessions() != null
        && (limits.maxSessions() < 0 || limits.maxSessions() > MAX_SESSIONS)) {
      problems.add(
          new InvalidInput.FieldProblem(
              "maxSessions", "0 to " + MAX_SESSIONS + ", or null for the node's default"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput("the limits are not valid", problems);
    }
    rows.save(tenantId, limits);
    return limits;
  }
}
