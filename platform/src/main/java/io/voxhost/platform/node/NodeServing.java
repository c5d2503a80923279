package io.voxhost.platform.node;

/**
 * Fired once the node serves ({@link NodeStartup#serving}): work a role would rather not do while
 * the node starts (its warm-up) waits for it, so that it does not slow the start.
 */
public record NodeServing() {}
