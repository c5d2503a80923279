package io.voxhost.platform.role;

import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.config.ReloadedSettings;
import io.voxhost.platform.config.StartupFailure;
import io.voxhost.platform.config.VoxhostConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Starts the enabled roles in order, drains and stops them in reverse, reloads them, and answers
 * for their readiness and for the HTTP paths of the roles this node does not run.
 */
@ApplicationScoped
public class RoleLifecycle {

  private static final Logger LOG = Logger.getLogger(RoleLifecycle.class);

  private final VoxhostConfig config;
  private final Instance<Role> available;
  private final RoleThreads threads;
  private final List<Role> started = Collections.synchronizedList(new ArrayList<>());
  private volatile EnabledRoles enabled;
  private volatile boolean running;
  private volatile boolean draining;

  RoleLifecycle(VoxhostConfig config, @Any Instance<Role> available, RoleThreads threads) {
    this.config = config;
    this.threads = threads;
    this.available = available;
  }

  /** Resolves {@code voxhost.roles}; fails start-up on an unknown name. */
  public EnabledRoles enabled() {
    EnabledRoles current = enabled;
    if (current == null) {
      current = EnabledRoles.resolve(config.roles(), available.stream().toList());
      enabled = current;
    }
    return current;
  }

  public void startAll() {
    for (Role role : enabled().roles()) {
      try {
        role.start();
        started.add(role);
        LOG.infof("Role %s started: %s", role.name(), role.health().detail());
      } catch (Exception e) {
        stopAll();
        throw new StartupFailure("role " + role.name() + " failed to start: " + e.getMessage());
      }
    }
    running = true;
  }

  /**
   * Drains every started role at once (each stops taking new work and finishes what it has), within
   * {@code budget} in all. Readiness turns DOWN first, so a load balancer stops sending work here.
   */
  public Map<String, Drained> drainAll(Duration budget) {
    draining = true;
    Instant deadline = Instant.now().plus(budget);
    List<Role> toDrain = reverseStartOrder();
    Map<String, CompletableFuture<Drained>> pending = new LinkedHashMap<>();
    for (Role role : toDrain) {
      CompletableFuture<Drained> result = new CompletableFuture<>();
      threads
          .thread("node", "drain-" + role.name(), () -> drainOne(role, deadline, result))
          .start();
      pending.put(role.name(), result);
    }
    Map<String, Drained> outcome = new LinkedHashMap<>();
    pending.forEach((name, result) -> outcome.put(name, awaitDrain(name, result, deadline)));
    return outcome;
  }

  private static void drainOne(Role role, Instant deadline, CompletableFuture<Drained> result) {
    try {
      result.complete(role.drain(deadline));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result.complete(Drained.unfinished("interrupted"));
    } catch (RuntimeException e) {
      LOG.errorf(e, "Role %s failed to drain", role.name());
      result.complete(Drained.unfinished("failed: " + e.getMessage()));
    }
  }

  private static Drained awaitDrain(
      String name, CompletableFuture<Drained> result, Instant deadline) {
    Drained drained;
    try {
      // A little past the deadline: a role returns by it, and says what it left.
      long waitMs = Math.max(0, Duration.between(Instant.now(), deadline).toMillis()) + 1_000;
      drained = result.get(waitMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      drained = Drained.unfinished("did not return by the deadline");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      drained = Drained.unfinished("interrupted");
    } catch (ExecutionException e) {
      drained = Drained.unfinished("failed: " + e.getCause());
    }
    if (drained.complete()) {
      LOG.infof("Role %s drained: %s", name, drained.detail());
    } else {
      LOG.warnf("Role %s did not finish draining: %s", name, drained.detail());
    }
    return drained;
  }

  /**
   * Asks every started role, in start order, to re-read what can change without a restart and to
   * apply the changed settings it can; a role that fails keeps what it had and the others go on.
   */
  public List<RoleReloaded> reloadAll(ReloadedSettings settings) {
    List<RoleReloaded> outcome = new ArrayList<>();
    for (Role role : startOrder()) {
      try {
        Reloaded reloaded = role.reload(settings);
        LOG.debugf("Role %s reloaded %s", role.name(), reloaded.what());
        Optional<String> failure =
            reloaded.failed().isEmpty()
                ? Optional.empty()
                : Optional.of(String.join("; ", reloaded.failed()));
        outcome.add(new RoleReloaded(role.name(), reloaded, failure));
      } catch (RuntimeException e) {
        LOG.errorf(e, "Role %s failed to reload; it goes on with what it had", role.name());
        outcome.add(
            new RoleReloaded(
                role.name(), Reloaded.nothing(), Optional.of(String.valueOf(e.getMessage()))));
      }
    }
    return outcome;
  }

  public void stopAll() {
    running = false;
    List<Role> toStop;
    synchronized (started) {
      toStop = new ArrayList<>(started);
      started.clear();
    }
    Collections.reverse(toStop);
    for (Role role : toStop) {
      try {
        role.stop();
        LOG.infof("Role %s stopped", role.name());
      } catch (Exception e) {
        LOG.errorf(e, "Role %s did not stop cleanly", role.name());
      }
    }
  }

  /** Ready when start-up has completed, no drain began, and every enabled role says it serves. */
  public boolean ready() {
    return running
        && !draining
        && enabled().roles().stream().allMatch(role -> role.health().ready());
  }

  /**
   * The HTTP path prefixes of the roles in this build that this node does not run, each with its
   * role's name.
   */
  public List<RolePath> disabledPaths() {
    List<RolePath> paths = new ArrayList<>();
    EnabledRoles on = enabled();
    available.stream()
        .filter(role -> !on.isEnabled(role.name()))
        .forEach(role -> role.httpPaths().forEach(p -> paths.add(new RolePath(role.name(), p))));
    return paths;
  }

  /**
   * The import paths ({@link Role#importPaths()}) of the roles this node runs, each with its role's
   * name: the paths whose bodies may be large.
   */
  public List<RolePath> importPaths() {
    List<RolePath> paths = new ArrayList<>();
    for (Role role : enabled().roles()) {
      role.importPaths().forEach(p -> paths.add(new RolePath(role.name(), p)));
    }
    return paths;
  }

  /**
   * Every role's reading POST endpoints ({@link Role#readingPosts()}); a role this node does not
   * run has its paths answered 404 before any key is checked.
   */
  public Set<String> readingPosts() {
    Set<String> paths = new HashSet<>();
    available.forEach(role -> paths.addAll(role.readingPosts()));
    return Set.copyOf(paths);
  }

  private List<Role> startOrder() {
    synchronized (started) {
      return new ArrayList<>(started);
    }
  }

  private List<Role> reverseStartOrder() {
    List<Role> roles = startOrder();
    Collections.reverse(roles);
    return roles;
  }

  /** What the node does, in one line: each started role's {@link Role#status()}. */
  public String status() {
    if (!running) {
      return draining ? "stopping" : "starting";
    }
    List<String> parts = new ArrayList<>();
    for (Role role : startOrder()) {
      try {
        parts.add(role.status());
      } catch (RuntimeException e) {
        parts.add(role.name() + " (status unknown: " + e.getMessage() + ")");
      }
    }
    String roles = parts.isEmpty() ? "no roles" : String.join(", ", parts);
    return draining ? "draining: " + roles : roles;
  }

  /** Each enabled role's health, by name, in start order. */
  public Map<String, RoleHealth> health() {
    Map<String, RoleHealth> health = new LinkedHashMap<>();
    for (Role role : enabled().roles()) {
      RoleHealth now =
          !running
              ? RoleHealth.notReady("not started")
              : draining ? RoleHealth.notReady("draining") : role.health();
      health.put(role.name(), now);
    }
    return health;
  }
}
