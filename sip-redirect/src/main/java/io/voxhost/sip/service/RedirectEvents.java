package io.voxhost.sip.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxhost.platform.outbox.Outbox;
import io.voxhost.platform.outbox.OutboxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * How each INVITE of a tenant's was answered ({@code sip.redirect}: 302 and where to, 404, 480,
 * ...), for the cti role. The answer comes from memory and has no transaction: the event goes to
 * the outbox's buffer and the answer does not wait for it.
 */
@ApplicationScoped
public class RedirectEvents {

  /** Characters of a field kept (a header can be long; the event need not be). */
  private static final int MAX_FIELD = 512;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Outbox outbox;

  RedirectEvents(Outbox outbox) {
    this.outbox = outbox;
  }

  /**
   * An INVITE answered.
   *
   * @param callId its Call-ID
   * @param from the caller (the From URI's user, or the URI)
   * @param to the number or user dialled
   * @param status the final status sent
   * @param contact the first Contact of a 3xx, or null
   */
  public void answered(
      UUID tenant, Instant at, String callId, String from, String to, int status, String contact) {
    if (callId == null) {
      return;
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("from", cut(from));
    body.put("to", cut(to));
    body.put("status", status);
    if (contact != null) {
      body.put("contact", cut(contact));
    }
    outbox.offer(new OutboxEvent(tenant, "sip.redirect", at, cut(callId), body.toString()));
  }

  private static String cut(String s) {
    return s == null || s.length() <= MAX_FIELD ? s : s.substring(0, MAX_FIELD);
  }
}
