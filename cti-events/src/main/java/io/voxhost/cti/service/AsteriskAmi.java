package io.voxhost.cti.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Asterisk Manager Interface events (one {@code Key: Value} block each, as AMI sends them with
 * {@code timestampevents = yes} in manager.conf) as call events. A call is its {@code Linkedid}, a
 * channel its {@code Uniqueid}, as in CEL. Events about nothing a call record shows ({@code
 * Newexten}, {@code VarSet}, {@code RTCPSent} ...) are left out: empty, not an error.
 */
public final class AsteriskAmi {

  /** The source of AMI's events. */
  public static final String SOURCE = "asterisk-ami";

  private static final ObjectMapper JSON = new ObjectMapper();

  private AsteriskAmi() {}

  /**
   * One event block (header names as sent; their case does not matter) as an event, if it is one.
   */
  public static Optional<EventInput> read(String instance, Map<String, String> block) {
    Map<String, String> f = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    f.putAll(block);
    String name = f.get("Event");
    if (name == null) {
      return Optional.empty();
    }
    ObjectNode extra = JSON.createObjectNode();
    String channel = f.get("Uniqueid");
    String call = f.get("Linkedid");
    String peer = null;
    String queue = null;
    String agent = null;
    EventType type;
    switch (name.toLowerCase(Locale.ROOT)) {
      case "newchannel" -> type = EventType.CHANNEL_START;
      case "newstate" -> {
        String state = f.getOrDefault("ChannelStateDesc", "");
        if (state.equalsIgnoreCase("Ringing")) {
          type = EventType.RING;
        } else if (state.equalsIgnoreCase("Up")) {
          type = EventType.ANSWER;
        } else {
          return Optional.empty();
        }
      }
      case "dialbegin" -> {
        // The callee's leg starts ringing, under its own linkedid (the caller's, in a plain call).
        type = EventType.RING;
        peer = channel;
        channel = f.get("DestUniqueid");
        call = f.getOrDefault("DestLinkedid", call);
      }
      case "dialend" -> {
        type = EventType.NOTE;
        extra.put("dialstatus", f.get("DialStatus"));
      }
      case "hangup" -> {
        type = EventType.HANGUP;
        put(extra, "hangupcause", f.get("Cause"));
      }
      case "bridgeenter", "bridgeleave" -> {
        type =
            name.equalsIgnoreCase("bridgeenter") ? EventType.BRIDGE_ENTER : EventType.BRIDGE_EXIT;
        extra.put("bridge_id", f.get("BridgeUniqueid"));
      }
      case "hold" -> type = EventType.HOLD;
      case "unhold" -> type = EventType.UNHOLD;
      case "blindtransfer" -> {
        type = EventType.TRANSFER_BLIND;
        channel = f.get("TransfererUniqueid");
        call = f.get("TransfererLinkedid");
        peer = f.get("TransfereeUniqueid");
        extra.put("extension", f.get("Extension"));
      }
      case "attendedtransfer" -> {
        // The second call's transferer channel joins the two calls, as in CEL.
        type = EventType.TRANSFER_ATTENDED;
        channel = f.get("OrigTransfererUniqueid");
        call = f.get("OrigTransfererLinkedid");
        peer = f.get("SecondTransfererUniqueid");
      }
      case "pickup" -> {
        type = EventType.PICKUP;
        peer = f.get("TargetUniqueid");
      }
      case "queuecallerjoin" -> {
        type = EventType.QUEUE_ENTER;
        queue = f.get("Queue");
      }
      case "queuecallerabandon" -> {
        type = EventType.QUEUE_ABANDON;
        queue = f.get("Queue");
        extra.put("event", "ABANDON");
      }
      case "agentcalled", "agentconnect", "agentcomplete", "agentringnoanswer" -> {
        type =
            switch (name.toLowerCase(Locale.ROOT)) {
              case "agentcalled" -> EventType.QUEUE_OFFER;
              case "agentconnect" -> EventType.QUEUE_CONNECT;
              case "agentcomplete" -> EventType.QUEUE_COMPLETE;
              default -> EventType.QUEUE_RING_NO_ANSWER;
            };
        queue = f.get("Queue");
        agent = f.get("MemberName");
        put(extra, "holdtime", f.get("HoldTime"));
        put(extra, "talktime", f.get("TalkTime"));
        put(extra, "ringtime", f.get("RingTime"));
      }
      case "queuememberadded", "queuememberremoved", "queuememberpause" -> {
        agent = f.get("MemberName");
        queue = f.get("Queue");
        if (name.equalsIgnoreCase("queuememberadded")) {
          type = EventType.AGENT_LOGIN;
        } else if (name.equalsIgnoreCase("queuememberremoved")) {
          type = EventType.AGENT_LOGOFF;
        } else {
          type = "1".equals(f.get("Paused")) ? EventType.AGENT_PAUSE : EventType.AGENT_UNPAUSE;
          put(extra, "reason", f.get("PausedReason"));
        }
        // An agent's event is of no call: its key names the agent.
        channel = null;
        call = agent == null ? null : "agent/" + agent;
      }
      default -> {
        return Optional.empty();
      }
    }
    String time = f.get("Timestamp");
    ObjectNode data = JSON.createObjectNode();
    data.put("event", name);
    put(
        data,
        "channame",
        type == EventType.RING && peer != null ? f.get("DestChannel") : f.get("Channel"));
    put(data, "context", f.get("Context"));
    if (!extra.isEmpty()) {
      data.set("extra", extra);
    }
    // An event has no id in AMI: its kind, time and channels make one (a member's name, which may
    // hold spaces, by a digest).
    String member = f.get("MemberName");
    String id =
        time == null
            ? null
            : name
                + "/"
                + time
                + "/"
                + f.getOrDefault("Uniqueid", "")
                + "/"
                + f.getOrDefault("DestUniqueid", "")
                + (member == null
                    ? ""
                    : "/"
                        + UUID.nameUUIDFromBytes(member.getBytes(StandardCharsets.UTF_8))
                            .toString()
                            .substring(0, 8));
    boolean callee = peer != null && type == EventType.RING;
    return Optional.of(
        new EventInput(
            SOURCE,
            instance,
            id,
            null,
            AsteriskCel.microsOf(time),
            type.label(),
            call,
            channel,
            peer,
            queue,
            agent,
            callee ? f.get("DestCallerIDNum") : f.get("CallerIDNum"),
            callee ? f.get("DestCallerIDName") : f.get("CallerIDName"),
            f.get("Exten"),
            data.toString().length() <= EventRules.MAX_DATA ? data.toString() : null));
  }

  private static void put(ObjectNode node, String field, String value) {
    if (value != null && !value.isEmpty() && !value.equals("<unknown>")) {
      node.put(field, value);
    }
  }
}
