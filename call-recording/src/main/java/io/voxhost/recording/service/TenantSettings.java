package io.voxhost.recording.service;

import io.voxhost.platform.net.TargetRefused;
import io.voxhost.platform.service.InvalidInput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Each tenant's {@link TenantRules}. */
@ApplicationScoped
public class TenantSettings {

  private final TenantRuleStore rows;
  private final WebhookTargets targets;
  private final TenantLimitStore limits;

  TenantSettings(TenantRuleStore rows, WebhookTargets targets, TenantLimitStore limits) {
    this.rows = rows;
    this.targets = targets;
    this.limits = limits;
  }

  public TenantRules of(UUID tenantId) {
    return rows.find(tenantId);
  }

  /**
   * Checks and stores the rules in one transaction that holds the tenant's limits lock, so an admin
   * lowering the quota cap at the same moment is applied before or after, never in between.
   */
  @Transactional
  public TenantRules save(UUID tenantId, TenantRules rules) {
    List<InvalidInput.FieldProblem> problems = new ArrayList<>();
    if (rules.retentionDays() != null
        && (rules.retentionDays() < 1 || rules.retentionDays() > 36_500)) {
      problems.add(new InvalidInput.FieldProblem("retentionDays", "1 to 36500 days, or null"));
    }
    // Before the limits lock: the target check resolves the host, which may take a while.
    if (rules.webhookUrl() != null) {
      try {
        targets.check(rules.webhookUrl());
      } catch (TargetRefused e) {
        problems.add(new InvalidInput.FieldProblem("webhookUrl", e.getMessage()));
      }
    }
    if (rules.quotaBytes() != null && rules.quotaBytes() < 1) {
      problems.add(new InvalidInput.FieldProblem("quotaBytes", "a positive number, or null"));
    } else {
      // The admin's cap: a tenant cannot raise its quota past it, nor drop it for none.
      limits.lockTenant(tenantId);
      Long cap = limits.find(tenantId).quotaCapBytes();
      if (cap != null && (rules.quotaBytes() == null || rules.quotaBytes() > cap)) {
        problems.add(
            new InvalidInput.FieldProblem(
                "quotaBytes", "at most " + cap + " (the cap an admin set for this tenant)"));
      }
    }
    if (rules.webhookSecret() != null
        && !rules.webhookSecret().isEmpty()
        && (rules.webhookSecret().length() < 16 || rules.webhookSecret().length() > 256)) {
      problems.add(new InvalidInput.FieldProblem("webhookSecret", "16 to 256 characters"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput("the settings are not valid", problems);
    }
    TenantRules stored = withSecret(rules, rows.find(tenantId));
    rows.save(tenantId, stored);
    return stored;
  }

  /**
   * The secret to store: a PUT that leaves it out keeps the one stored (it is never shown, so a
   * client that read the settings and writes them back cannot send it); an empty one removes it,
   * and so does removing the webhook.
   */
  private static TenantRules withSecret(TenantRules given, TenantRules current) {
    String secret = given.webhookSecret();
    if (given.webhookUrl() == null || "".equals(secret)) {
      secret = null;
    } else if (secret == null) {
      secret = current.webhookSecret();
    }
    return new TenantRules(
        given.monoAtCompletion(),
        given.retentionDays(),
        given.quotaBytes(),
        given.webhookUrl(),
        secret);
  }
}
