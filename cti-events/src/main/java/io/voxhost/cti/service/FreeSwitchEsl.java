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
 * {@code Event-Date-Timestamp}, in microseconds. A transferor's hangup (cause {@code
 * BLIND_TRANSFER} or {@code ATTENDED_TRANSFER}) tells the transfer; the call the transferee is
 * bridged into joins through the bridge's other leg. mod_callcenter's {@code callcenter::info}
 * events are queue and agent events; a member's events belong to the member's call.
 */
public final class FreeSwitchEsl {

  /** The source of FreeSWITCH's events. */
  public static final String SOURCE = "freeswitch";

  /** The events {@link #read} reads, as {@code event json} asks for them (and the heartbeat). */
  public static final String EVENTS =
      "CHANNEL_CREATE CHANNEL_PROGRESS CHANNEL_PROGRESS_MEDIA CHANNEL_ANSWER CHANNEL_BRIDGE"
          + " CHANNEL_UNBRIDGE CHANNEL_HOLD CHANNEL_UNHOLD CHANNEL_HANGUP_COMPLETE HEARTBEAT"
          + " CUSTOM callcenter::info";

  private static final String CALLCENTER = "callcenter::info";

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
    if (name.equals("CUSTOM")) {
      return CALLCENTER.equals(text(event, "Event-Subclass"))
          ? callCenter(instance, event)
          : Optional.empty();
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
        String cause = text(event, "Hangup-Cause");
        extra.put("hangup_cause", cause);
        // The transferor's channel ends with the transfer as its cause.
        if ("BLIND_TRANSFER".equals(cause) || "ATTENDED_TRANSFER".equals(cause)) {
          extra.put("transfer", cause.startsWith("BLIND") ? "blind" : "attended");
          peer = text(event, "Other-Leg-Unique-ID");
        }
      }
      default -> {
        return Optional.empty();
      }
    }
    String channel = text(event, "Unique-ID");
    String call = text(event, "Channel-Call-UUID");
    String member = text(event, "variable_cc_member_session_uuid");
    if ("agent".equals(text(event, "variable_cc_side")) && member != null) {
      // mod_callcenter originates an agent's leg apart; it belongs to the caller's call.
      call = member;
    }
    ObjectNode data = JSON.createObjectNode();
    data.put("event", name);
    if (text(event, "Channel-Name") != null) {
      data.put("channame", text(event, "Channel-Name"));
    }
    if (!extra.isEmpty()) {
      data.set("extra", extra);
    }
    return Optional.of(
        input(
            instance,
            event,
            type,
            call != null ? call : channel,
            channel,
            peer,
            null,
            null,
            text(event, "Caller-Caller-ID-Number"),
            text(event, "Caller-Caller-ID-Name"),
            data));
  }

  /**
   * A mod_callcenter event: a member (a caller) entering and leaving a queue, an agent offered,
   * bridged, failing to answer, and an agent's status. Times of its own ({@code CC-*-Time}, whole
   * seconds) are read for the hold time only; the event's time is the event's.
   */
  private static Optional<EventInput> callCenter(String instance, JsonNode event) {
    String action = text(event, "CC-Action");
    String queue = text(event, "CC-Queue");
    String agent = text(event, "CC-Agent");
    String member = text(event, "CC-Member-Session-UUID");
    String call = text(event, "Channel-Call-UUID");
    String channel = member;
    String peer = null;
    ObjectNode extra = JSON.createObjectNode();
    EventType type;
    String named = CALLCENTER + " " + action;
    if (action == null) {
      return Optional.empty();
    }
    switch (action) {
      case "member-queue-start" -> type = EventType.QUEUE_ENTER;
      case "agent-offering" -> type = EventType.QUEUE_OFFER;
      case "bridge-agent-start" -> {
        type = EventType.QUEUE_CONNECT;
        // The agent's leg was originated apart: the bridge joins it to the member's call.
        peer = text(event, "CC-Agent-UUID");
        Long joined = seconds(event, "CC-Member-Joined-Time");
        Long answered = seconds(event, "CC-Agent-Answered-Time");
        if (joined != null && answered != null && answered >= joined) {
          extra.put("holdtime", answered - joined);
        }
      }
      case "bridge-agent-fail" -> {
        type = EventType.QUEUE_RING_NO_ANSWER;
        extra.put("hangup_cause", text(event, "CC-Hangup-Cause"));
      }
      case "bridge-agent-end" -> type = EventType.QUEUE_COMPLETE;
      case "member-queue-end" -> {
        String cause = text(event, "CC-Cause");
        String reason = text(event, "CC-Cancel-Reason");
        if (!"Cancel".equalsIgnoreCase(cause)) {
          type = EventType.QUEUE_COMPLETE;
        } else if (reason == null || reason.equals("NONE") || reason.equals("BREAK_OUT")) {
          // The caller hung up (NONE) or left the queue's application while waiting.
          type = EventType.QUEUE_ABANDON;
        } else {
          type = EventType.QUEUE_EXIT;
          // Named as Asterisk's queue_log names the same exits.
          named =
              switch (reason) {
                case "TIMEOUT" -> "EXITWITHTIMEOUT";
                case "NO_AGENT_TIMEOUT" -> "EXITEMPTY";
                case "EXIT_WITH_KEY" -> "EXITWITHKEY";
                default -> reason;
              };
        }
      }
      case "agent-status-change" -> {
        String status = text(event, "CC-Agent-Status");
        if (status == null || agent == null) {
          return Optional.empty();
        }
        // Not per queue: the agent as a whole (AgentTimeline's every queue).
        queue = null;
        channel = null;
        call = "agent/" + agent;
        if (status.equals("Logged Out")) {
          type = EventType.AGENT_LOGOFF;
        } else if (status.equals("On Break")) {
          type = EventType.AGENT_PAUSE;
        } else if (status.startsWith("Available")) {
          type = EventType.AGENT_LOGIN;
        } else {
          return Optional.empty();
        }
        extra.put("status", status);
      }
      default -> {
        return Optional.empty();
      }
    }
    if (call == null) {
      call = member;
    }
    ObjectNode data = JSON.createObjectNode();
    data.put("event", named);
    if (!extra.isEmpty()) {
      data.set("extra", extra);
    }
    return Optional.of(
        input(
            instance,
            event,
            type,
            call,
            channel,
            peer,
            queue,
            agent,
            firstText(event, "CC-Member-CID-Number", "Caller-Caller-ID-Number"),
            firstText(event, "CC-Member-CID-Name", "Caller-Caller-ID-Name"),
            data));
  }

  /** An event of FreeSWITCH's: its id, order and time are the event's own. */
  private static EventInput input(
      String instance,
      JsonNode event,
      EventType type,
      String call,
      String channel,
      String peer,
      String queue,
      String agent,
      String number,
      String name,
      ObjectNode data) {
    String core = text(event, "Core-UUID");
    String sequence = text(event, "Event-Sequence");
    return new EventInput(
        SOURCE,
        instance,
        core == null || sequence == null ? null : core + "/" + sequence,
        sequence,
        text(event, "Event-Date-Timestamp"),
        type.label(),
        call,
        channel,
        peer,
        queue,
        agent,
        number,
        name,
        text(event, "Caller-Destination-Number"),
        data.toString());
  }

  private static Long seconds(JsonNode event, String field) {
    String v = text(event, field);
    return v != null && v.length() < 12 && !v.isEmpty() && v.chars().allMatch(Character::isDigit)
        ? Long.parseLong(v)
        : null;
  }

  private static String firstText(JsonNode event, String a, String b) {
    String v = text(event, a);
    return v != null ? v : text(event, b);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }
}
