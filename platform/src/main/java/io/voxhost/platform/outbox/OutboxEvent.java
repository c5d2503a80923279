package io.voxhost.platform.outbox;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Something that happened in a role, for the roles that follow it (the cti role's call events).
 *
 * @param tenant whose it is
 * @param topic what kind: {@code sip.redirect}, {@code sip.registration}, {@code
 *     recording.session}, {@code recording.lifecycle}, {@code provisioning.fetch}
 * @param at when it happened
 * @param subject what it is about: a Call-ID, a binding, a recording id, a file
 * @param body its details, a JSON object of at most {@link #MAX_BODY} characters
 */
public record OutboxEvent(UUID tenant, String topic, Instant at, String subject, String body) {

  /** Characters a body may have. */
  public static final int MAX_BODY = 8192;

  private static final Pattern TOPIC = Pattern.compile("[a-z]+(\\.[a-z-]+)+");

  public OutboxEvent {
    if (tenant == null || at == null || subject == null || body == null) {
      throw new IllegalArgumentException(
          "an outbox event needs a tenant, a time, a subject, a body");
    }
    if (!TOPIC.matcher(topic).matches()) {
      throw new IllegalArgumentException("not a topic: " + topic);
    }
    if (body.length() > MAX_BODY || !body.startsWith("{")) {
      throw new IllegalArgumentException("a body is a JSON object of at most " + MAX_BODY);
    }
  }
}
