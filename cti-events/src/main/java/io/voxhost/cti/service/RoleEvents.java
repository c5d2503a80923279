package io.voxhost.cti.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxhost.platform.concurrent.RepeatingWork;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.outbox.OutboxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The events of our own roles (cti.md, "Events of our own roles"), taken from the platform's outbox
 * a few times a second and stored as call events of source {@code voxhost} in the transaction that
 * deletes them from the outbox: each exactly once. A Voxhost-only deployment gets its redirected
 * calls, registrations, recordings and provisioning fetches with no switch sending anything.
 */
@ApplicationScoped
public class RoleEvents {

  /** The source of every event of ours. */
  public static final String SOURCE = "voxhost";

  /**
   * The instance of every event of ours: one, so that a call's redirect and its recording (told by
   * different roles, perhaps on different nodes) are one call's events.
   */
  public static final String INSTANCE = "voxhost";

  /** Outbox events one transaction takes. */
  static final int BATCH = 1000;

  /** Transactions a run takes at most. */
  static final int BATCHES_A_RUN = 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RoleEventStore store;
  private final MarkedCalls marked;
  private final RoleThreads threads;
  private RepeatingWork work;

  RoleEvents(RoleEventStore store, MarkedCalls marked, RoleThreads threads) {
    this.store = store;
    this.marked = marked;
    this.threads = threads;
  }

  public synchronized void start() {
    if (work == null) {
      work =
          threads
              .repeatAlone(
                  "cti",
                  "role-events",
                  Duration.ofMillis(250),
                  Duration.ofSeconds(30),
                  this::takeWaiting)
              .start();
    }
  }

  public synchronized void stop() {
    if (work != null) {
      work.cancel();
      work = null;
    }
  }

  /** Takes what waits in the outbox, a batch a transaction; returns how many were taken. */
  public int takeWaiting() {
    int total = 0;
    for (int i = 0; i < BATCHES_A_RUN; i++) {
      int taken = store.take(BATCH, RoleEvents::event);
      total += taken;
      if (taken < BATCH) {
        break;
      }
    }
    if (total > 0) {
      marked.marked();
    }
    return total;
  }

  /**
   * An outbox event as a call event, or empty for a topic or body this version does not read (it is
   * taken all the same: kept, it would block nothing but would never be read either).
   */
  public static Optional<CallEvent> event(OutboxEvent e) {
    JsonNode body;
    try {
      body = JSON.readTree(e.body());
    } catch (IOException x) {
      return Optional.empty();
    }
    String micros = Long.toString(e.at().getEpochSecond() * 1_000_000 + e.at().getNano() / 1000);
    return switch (e.topic()) {
      case "sip.redirect" ->
          Optional.of(
              new CallEvent(
                  SOURCE,
                  INSTANCE,
                  "redirect/" + e.subject() + "/" + micros,
                  null,
                  e.at(),
                  EventType.REDIRECT,
                  e.subject(),
                  e.subject(),
                  null,
                  null,
                  null,
                  text(body, "from"),
                  null,
                  text(body, "to"),
                  data(body, "status", "contact", "reason")));
      case "sip.registration" ->
          Optional.of(
              new CallEvent(
                  SOURCE,
                  INSTANCE,
                  "registration/" + e.subject() + "/" + micros,
                  null,
                  e.at(),
                  EventType.REGISTRATION,
                  e.subject(),
                  null,
                  null,
                  null,
                  null,
                  text(body, "aor"),
                  null,
                  null,
                  data(body, "change", "contact", "expires", "userAgent")));
      case "recording.lifecycle" -> recording(e, body, micros);
      case "provisioning.fetch" ->
          Optional.of(
              new CallEvent(
                  SOURCE,
                  INSTANCE,
                  "fetch/" + e.subject() + "/" + micros,
                  null,
                  e.at(),
                  EventType.PROVISIONING_FETCH,
                  e.subject(),
                  null,
                  null,
                  null,
                  null,
                  text(body, "address"),
                  null,
                  null,
                  data(body, "file", "protocol", "result", "bytes")));
      default -> Optional.empty();
    };
  }

  private static Optional<CallEvent> recording(OutboxEvent e, JsonNode body, String micros) {
    String status = text(body, "status");
    EventType type =
        "in-progress".equals(status) ? EventType.RECORDING_START : EventType.RECORDING_END;
    // Under the call it recorded (its Call-ID, when the media server named one), so that the call's
    // record carries the recording's id.
    String call = Optional.ofNullable(text(body, "callId")).orElse("recording/" + e.subject());
    ObjectNode data = JSON.createObjectNode();
    data.put("recording", e.subject());
    data.put("status", status);
    return Optional.of(
        new CallEvent(
            SOURCE,
            INSTANCE,
            "recording/" + e.subject() + "/" + status + "/" + micros,
            null,
            e.at(),
            type,
            call,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            data.toString()));
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  private static String data(JsonNode body, String... fields) {
    ObjectNode data = JSON.createObjectNode();
    for (String f : fields) {
      JsonNode v = body.get(f);
      if (v != null && !v.isNull() && !v.isContainerNode()) {
        data.set(f, v);
      }
    }
    return data.toString();
  }
}
