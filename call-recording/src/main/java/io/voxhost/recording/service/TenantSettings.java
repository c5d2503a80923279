package io.voxhost.recording.service;

import io.voxhost.platform.net.TargetRefused;
import io.voxhost.platform.service.InvalidInput;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Each tenant's {@link TenantRules}. */
@ApplicationScoped
public class TenantSettings {

  private final TenantRuleStore rows;
  private final WebhookTargets targets;

  TenantSettings(TenantRuleStore rows, WebhookTargets targets) {
    this.rows = rows;
    this.targets = targets;
  }

  public TenantRules of(UUID tenantId) {
    return rows.find(tenantId);
  }

  public TenantRules save(UUID tenantId, TenantRules rules) {
    List<InvalidInput.FieldProblem> problems = new ArrayList<>();
    if (rules.retentionDays() != null
        && (rules.retentionDays() < 1 || rules.retentionDays() > 36_500)) {
      problems.add(new InvalidInput.FieldProblem("retentionDays", "1 to 36500 days, or null"));
    }
    if (rules.quotaBytes() != null && rules.quotaBytes() < 1) {
      problems.add(new InvalidInput.FieldProblem("quotaBytes", "a positive number, or null"));
    }
    if (rules.webhookUrl() != null) {
      try {
        targets.check(rules.webhookUrl());
      } catch (TargetRefused e) {
        problems.add(new InvalidInput.FieldProblem("webhookUrl", e.getMessage()));
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
