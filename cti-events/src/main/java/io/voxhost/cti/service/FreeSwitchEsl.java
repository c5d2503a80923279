package io.voxhost.cti.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * FreeSWITCH events as the event socket sends them with {@code event json ...} (one JSON object
 * each) as call events. A call is its {@code Channel-Call-UUID} (both legs of a bridged call carry
 * the A leg's), a channel its {@code Unique-ID}; an event's id is {@code Core-UUID/Event-Sequence}
 * (the sequence starts again at every restart, the core's UUID does not survive one), and its time
 * {@code Event-Date-Timestamp}, in microseconds. Channel events only for now: transfers and
 * mod_callcenter's queues are not read yet (cti.md).
 */
public final class FreeSwitchEsl {

  /** The source of FreeSWITCH's events. */
  public static final String SOURCE = "freeswitch";

  /** The events {@link #read} reads, as {@code event json} asks for them (and the heartbeat). */
  public static final String EVENTS =
      "CHANNEL_CREATE CHANNEL_PROGRESS CHANNEL_PROGRESS_MEDIA CHANNEL_ANSWER CHANNEL_BRIDGE"
          + " CHANNEL_UNBRIDGE CHANNEL_HOLD CHANNEL_UNHOLD CHANNEL_HANGUP_COMPLETE HEARTBEAT";

  private static final ObjectMapper JSON = new ObjectMapper();

  private FreeSwitchEsl() {}

  /** One event object as an event, if it is one a call record shows. */
  public static Optional<EventInput> read(String instance, JsonNode event) {
    if (event == null || !event.isObject()) {
      return Optional.empty();
    }
    String name = text(event, "Event-Name");
    EventType type;
    ObjectNode extra = JSON.createObjectNode();
    String peer = null;
    if (name == null) {
      return Optional.empty();
    }
    switch (name) {
      case "CHANNEL_CREATE" -> type = EventType.CHANNEL_START;
      case "CHANNEL_PROGRESS", "CHANNEL_PROGRESS_MEDIA" -> type = EventType.RING;
      case "CHANNEL_ANSWER" -> type = EventType.ANSWER;
      case "CHANNEL_BRIDGE", "CHANNEL_UNBRIDGE" -> {
        type = name.equals("CHANNEL_BRIDGE") ? EventType.BRIDGE_ENTER : EventType.BRIDGE_EXIT;
        peer = text(event, "Other-Leg-Unique-ID");
      }
      case "CHANNEL_HOLD" -> type = EventType.HOLD;
      case "CHANNEL_UNHOLD" -> type = EventType.UNHOLD;
      case "CHANNEL_HANGUP_COMPLETE" -> {
        type = EventType.HANGUP;
        String q850 = text(event, "variable_hangup_cause_q850");
        if (q850 != null && q850.chars().allMatch(Character::isDigit) && q850.length() < 4) {
          extra.put("hangupcause", Integer.parseInt(q850));
        }
        extra.put("hangup_cause", text(event, "Hangup-Cause"));
      }
      default -> {
        return Optional.empty();
      }
    }
    String core = text(event, "Core-UUID");
    String sequence = text(event, "Event-Sequence");
    String channel = text(event, "Unique-ID");
    String call = text(event, "Channel-Call-UUID");
    ObjectNode data = JSON.createObjectNode();
    data.put("event", name);
    if (text(event, "Channel-Name") != null) {
      data.put("channame", text(event, "Channel-Name"));
    }
    if (!extra.isEmpty()) {
      data.set("extra", extra);
    }
    return Optional.of(
        new EventInput(
            SOURCE,
            instance,
            core == null || sequence == null ? null : core + "/" + sequence,
            sequence,
            text(event, "Event-Date-Timestamp"),
            type.label(),
            call != null ? call : channel,
            channel,
            peer,
            null,
            null,
            text(event, "Caller-Caller-ID-Number"),
            text(event, "Caller-Caller-ID-Name"),
            text(event, "Caller-Destination-Number"),
            data.toString()));
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }
}
