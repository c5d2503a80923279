package io.voxhost.platform.node;

import io.smallrye.config.SmallRyeConfig;
import io.voxhost.platform.config.ConfigFiles;
import io.voxhost.platform.config.ReloadedSettings;
import io.voxhost.platform.node.systemd.SystemdNotifier;
import io.voxhost.platform.role.RoleLifecycle;
import io.voxhost.platform.role.RoleReloaded;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.jboss.logmanager.LogContext;

/**
 * A node's reload ({@code systemctl reload}, SIGHUP): reads the configuration files again, applies
 * what can change at runtime (log levels, TLS certificates, each role's reloadable settings and
 * cached data such as SIP domains, TFTP devices and templates) and names the changed settings that
 * need a restart. Never interrupts work in progress; one reload at a time.
 */
@ApplicationScoped
public class NodeReload {

  private static final Logger LOG = Logger.getLogger(NodeReload.class);

  private final SmallRyeConfig running;
  private final ConfigFiles files;
  private final RoleLifecycle roles;
  private final TlsCertificates tls;
  private final SystemdNotifier systemd;
  private final LogLevels logLevels = new LogLevels(LogContext.getLogContext());

  /** What the previous reloads read and applied, so each reload applies only what changed. */
  private final SettingsInEffect inEffect;

  /** Settings changed since start that a reload applied: they need no restart. */
  private final Set<String> appliedSinceStart = new HashSet<>();

  NodeReload(Config config, RoleLifecycle roles, TlsCertificates tls, SystemdNotifier systemd) {
    this.running = config.unwrap(SmallRyeConfig.class);
    this.files = new ConfigFiles(running);
    this.roles = roles;
    this.tls = tls;
    this.systemd = systemd;
    this.inEffect = new SettingsInEffect(running);
  }

  /**
   * Reloads now, logs one line saying what it did, and returns it. systemd hears {@code
   * RELOADING=1} first and {@code READY=1} with the same line after, also when the reload failed.
   */
  public synchronized ReloadReport reload() {
    systemd.reloading("reloading");
    String outcome = "reload failed";
    try {
      ReloadReport report = reloadNow();
      outcome = "reload: " + report.summary();
      return report;
    } finally {
      systemd.reloaded(outcome);
    }
  }

  private ReloadReport reloadNow() {
    List<String> reloaded = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    SmallRyeConfig now = inEffect.previous();
    Set<String> changed = Set.of();
    try {
      now = files.reread();
      changed = inEffect.changed(now);
    } catch (IllegalArgumentException e) {
      failed.add(e.getMessage() + "; settings unchanged");
    }
    ReloadedSettings settings = new ReloadedSettings(now, changed);
    Set<String> applied = new HashSet<>();

    try {
      Set<String> levels = logLevels.apply(settings);
      if (!levels.isEmpty()) {
        reloaded.add("log levels");
        applied.addAll(levels);
      }
    } catch (IllegalArgumentException e) {
      failed.add("log levels: " + e.getMessage());
    }
    // After the levels: a reload that turns this category to DEBUG shows this line already.
    LOG.debugf("reload: read %s again; changed: %s", files.files(), new TreeSet<>(changed));

    TlsCertificates.Outcome certificates = tls.reload();
    reloaded.addAll(certificates.reloaded());
    failed.addAll(certificates.failed());

    for (RoleReloaded role : roles.reloadAll(settings)) {
      reloaded.addAll(role.reloaded().what());
      applied.addAll(role.reloaded().applied());
      role.failure().ifPresent(f -> failed.add(role.role() + ": " + f));
    }

    // A key a failed part did not apply stays changed until a later reload applies it.
    inEffect.reloaded(now, changed, applied);
    appliedSinceStart.addAll(applied);
    Set<String> needsRestart = new TreeSet<>(ConfigFiles.changed(running, now));
    needsRestart.removeAll(appliedSinceStart);
    // A level a reload could not apply (a bad name) is reported as failed: a restart would not
    // help either.
    needsRestart.removeIf(key -> LogLevels.loggerOf(key).isPresent());

    ReloadReport report = new ReloadReport(reloaded, List.copyOf(needsRestart), failed);
    if (report.succeeded()) {
      LOG.info("reload: " + report.summary());
    } else {
      LOG.warn("reload: " + report.summary());
    }
    return report;
  }
}
