package io.voxhost.phones.service;

import io.voxhost.phones.codec.SipAnswer;
import io.voxhost.phones.codec.SipIncoming;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Where phones send their requests from: an address and port, and its client transactions. */
public interface SipRequests {

  /** The address requests leave from (and Via and Contact name). */
  String host();

  int port();

  /**
   * Sends a non-INVITE request whose top Via has {@code branch}; completes with its final response,
   * or fails with a {@link java.util.concurrent.TimeoutException} when none came.
   */
  CompletableFuture<SipAnswer> request(String text, String branch, InetSocketAddress to);

  /** Sends a message outside any transaction: an ACK, or a response. */
  void send(String text, InetSocketAddress to);

  /** Requests whose Request-URI user is {@code user} go to {@code phone}. */
  void listen(String user, Consumer<SipIncoming> phone);
}
