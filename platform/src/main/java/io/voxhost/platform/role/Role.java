package io.voxhost.platform.role;

import io.voxhost.platform.config.ReloadedSettings;
import java.time.Instant;
import java.util.List;

/**
 * One part of the platform that a node may run or not ({@code voxhost.roles}): SIP, TFTP, recording
 * and so on. A role module provides one bean implementing this; the platform starts the enabled
 * roles after the database is migrated, drains and stops them in reverse order at shutdown, reloads
 * them on request, reports their health on {@code /q/health/ready}, and answers their HTTP paths
 * only on nodes that run them.
 */
public interface Role {

  /** The name used in {@code voxhost.roles}, lower case. */
  String name();

  /**
   * The URL path prefixes this role's HTTP resources and pages live under, such as {@code
   * /api/v1/sip}. On a node that does not run the role, a request under one of them answers 404
   * {@code role-not-enabled} and the OpenAPI document leaves them out. A prefix covers itself and
   * every path below it, segment by segment.
   */
  List<String> httpPaths();

  /**
   * The URL paths, among {@link #httpPaths()}, that take bulk imports (a CSV of a million rows):
   * their request bodies may reach {@code voxhost.http.import-body-size}, every other path's stop
   * at {@code voxhost.http.body-size} (413). A path covers itself and every path below it, as in
   * {@link #httpPaths()}; declare the import endpoint itself, never a whole API. Default: none.
   */
  default List<String> importPaths() {
    return List.of();
  }

  /**
   * The POST endpoints, among {@link #httpPaths()}, that only read (a batch of lookups too long for
   * a URL): keys of the read-only scope may call them, as they may GET. Exact paths, nothing below
   * them. Default: none.
   */
  default List<String> readingPosts() {
    return List.of();
  }

  /** Binds ports and starts workers. Failing here fails the node's start. */
  void start() throws Exception;

  /**
   * Stops taking new work and finishes what is running, returning by {@code deadline} at the
   * latest, with what was left unfinished. The role keeps its ports and state: {@link #stop()}
   * follows.
   */
  Drained drain(Instant deadline) throws InterruptedException;

  /**
   * Re-reads what can change without a restart (cached tenant settings, templates), so a change
   * made outside this node takes effect now, and applies those of its {@code settings} that changed
   * and can change at runtime (a rate limit). Never interrupts the work in progress. Throwing
   * leaves the role with what it had; the node reports the failure.
   *
   * @return what was read again and which changed settings were applied; the node names every other
   *     changed setting as needing a restart
   */
  Reloaded reload(ReloadedSettings settings);

  /** Releases what {@link #start()} took; called once, also after a failed start. */
  void stop() throws Exception;

  /** Whether the role serves now. Called often: answer from state, without I/O. */
  RoleHealth health();

  /**
   * What the role does now, in a few words for systemd's {@code STATUS=} ({@code systemctl
   * status}): its ports and its load, such as "recording 40000-49999/udp: 312 open captures".
   * Called every few seconds: answer from state, without I/O.
   */
  default String status() {
    return name() + " " + health().detail();
  }
}
