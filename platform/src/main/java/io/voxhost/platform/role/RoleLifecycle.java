package io.voxhost.platform.role;

import io.voxhost.platform.config.VoxhostConfig;
import io.voxhost.platform.node.StartupFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** Starts the enabled roles in order, stops them in reverse, and answers for their readiness. */
@ApplicationScoped
public class RoleLifecycle {

  private static final Logger LOG = Logger.getLogger(RoleLifecycle.class);

  private final VoxhostConfig config;
  private final Instance<Role> available;
  private final List<Role> started = Collections.synchronizedList(new ArrayList<>());
  private volatile EnabledRoles enabled;
  private volatile boolean running;

  RoleLifecycle(VoxhostConfig config, @Any Instance<Role> available) {
    this.config = config;
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

  /** Ready when start-up has completed and every enabled role says it serves. */
  public boolean ready() {
    return running && enabled().roles().stream().allMatch(role -> role.health().ready());
  }

  /** Each enabled role's health, by name, in start order. */
  public Map<String, RoleHealth> health() {
    Map<String, RoleHealth> health = new LinkedHashMap<>();
    for (Role role : enabled().roles()) {
      health.put(role.name(), running ? role.health() : RoleHealth.notReady("not started"));
    }
    return health;
  }
}
