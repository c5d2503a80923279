package io.voxhost.platform.role;

/**
 * One part of the platform that a node may run or not ({@code voxhost.roles}): SIP, TFTP, recording
 * and so on. A role module provides one bean implementing this; the platform starts the enabled
 * roles after the database is migrated, stops them in reverse order at shutdown, and reports their
 * health on {@code /q/health/ready}.
 */
public interface Role {

  /** The name used in {@code voxhost.roles}, lower case. */
  String name();

  /** Binds ports and starts workers. Failing here fails the node's start. */
  void start() throws Exception;

  /** Releases what {@link #start()} took; called once, also after a failed start. */
  void stop() throws Exception;

  /** Whether the role serves now. Called often: answer from state, without I/O. */
  RoleHealth health();
}
