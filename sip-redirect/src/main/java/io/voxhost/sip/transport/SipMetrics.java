package io.voxhost.sip.transport;

import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.sip.message.Request;

/**
 * The role's counters ({@code voxhost_sip_*}): requests by method, responses by class, requests
 * dropped unanswered by reason. They are made once and are plain adders that the registry reads, so
 * the request path only increments: a registry's own counters cost more per increment than the
 * redirect they count.
 */
final class SipMetrics {

  private static final String[] METHODS = {
    Request.INVITE,
    Request.ACK,
    Request.CANCEL,
    Request.BYE,
    Request.OPTIONS,
    Request.REGISTER,
    Request.MESSAGE,
    Request.SUBSCRIBE,
    Request.NOTIFY,
    Request.REFER,
    Request.PUBLISH,
    Request.INFO,
    Request.UPDATE,
    Request.PRACK
  };

  private final Map<String, LongAdder> requests = new HashMap<>();
  private final LongAdder otherRequests;
  private final LongAdder[] responses = new LongAdder[7];
  private final LongAdder rateLimited;
  private final LongAdder unanswerable;
  private final LongAdder malformed;
  private final LongAdder connectionsRefused;
  private final AtomicInteger connectionsOpen = new AtomicInteger();

  SipMetrics(Meters registry) {
    for (String method : METHODS) {
      requests.put(method, requests(registry, method));
    }
    otherRequests = requests(registry, "other");
    for (int c = 1; c <= 6; c++) {
      responses[c] =
          registry.adder(
              MeterName.of("sip", "responses"), "SIP responses sent, by class", "class", c + "xx");
    }
    rateLimited = drops(registry, "rate_limited");
    unanswerable = drops(registry, "unanswerable");
    malformed = drops(registry, "malformed");
    connectionsRefused =
        registry.adder(
            MeterName.of("sip", "connections_refused"),
            "TCP and TLS connections closed at once: their source or the node had its most open");
    registry.gauge(
        MeterName.of("sip", "connections_open"),
        "TCP and TLS connections open",
        connectionsOpen::get);
  }

  /** Open TCP and TLS connections: counted by {@link ConnectionAdmission}, shown as a gauge. */
  AtomicInteger connectionsOpen() {
    return connectionsOpen;
  }

  void connectionRefused() {
    connectionsRefused.increment();
  }

  void request(String method) {
    requests.getOrDefault(method, otherRequests).increment();
  }

  void response(int status) {
    int c = status / 100;
    if (c >= 1 && c <= 6) {
      responses[c].increment();
    }
  }

  void rateLimited() {
    rateLimited.increment();
  }

  void unanswerable() {
    unanswerable.increment();
  }

  /** A datagram that was no request one could answer, not even with a 400. */
  void malformed() {
    malformed.increment();
  }

  private static LongAdder requests(Meters registry, String method) {
    return registry.adder(
        MeterName.of("sip", "requests"), "SIP requests received, by method", "method", method);
  }

  private static LongAdder drops(Meters registry, String reason) {
    return registry.adder(
        MeterName.of("sip", "drops"),
        "SIP requests dropped without an answer, by reason",
        "reason",
        reason);
  }
}
