package io.voxhost.sip.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import javax.sip.message.Request;

/**
 * The role's counters ({@code voxhost_sip_*}): requests by method, responses by class, requests
 * dropped unanswered by reason. Counters are made once, so the request path only increments.
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

  private final Map<String, Counter> requests = new HashMap<>();
  private final Counter otherRequests;
  private final Counter[] responses = new Counter[7];
  private final Counter rateLimited;
  private final Counter unanswerable;

  SipMetrics(MeterRegistry registry) {
    for (String method : METHODS) {
      requests.put(method, requests(registry, method));
    }
    otherRequests = requests(registry, "other");
    for (int c = 1; c <= 6; c++) {
      responses[c] =
          Counter.builder("voxhost.sip.responses")
              .description("SIP responses sent, by class")
              .tag("class", c + "xx")
              .register(registry);
    }
    rateLimited = drops(registry, "rate_limited");
    unanswerable = drops(registry, "unanswerable");
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

  private static Counter requests(MeterRegistry registry, String method) {
    return Counter.builder("voxhost.sip.requests")
        .description("SIP requests received, by method")
        .tag("method", method)
        .register(registry);
  }

  private static Counter drops(MeterRegistry registry, String reason) {
    return Counter.builder("voxhost.sip.drops")
        .description("SIP requests dropped without an answer, by reason")
        .tag("reason", reason)
        .register(registry);
  }
}
