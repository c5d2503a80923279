package io.voxhost.cti.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lines of Asterisk's {@code queue_log} ({@code epoch|callid|queue|agent|EVENT|data...},
 * cti-formats.md section 2) as our events: the caller's uniqueid is both the call and the channel
 * (CEL's events of that channel join the call through it), a CONNECT's member uniqueid is the peer,
 * and the data fields of the events we know are named in {@code data}. Unknown events (a dialplan's
 * {@code QueueLog()} may write any) are kept as notes.
 */
public final class AsteriskQueueLog {

  /** The source name of queue_log events. */
  public static final String SOURCE = "asterisk-queue-log";

  private static final Map<String, EventType> TYPES =
      Map.ofEntries(
          Map.entry("ENTERQUEUE", EventType.QUEUE_ENTER),
          Map.entry("CONNECT", EventType.QUEUE_CONNECT),
          Map.entry("COMPLETECALLER", EventType.QUEUE_COMPLETE),
          Map.entry("COMPLETEAGENT", EventType.QUEUE_COMPLETE),
          Map.entry("ABANDON", EventType.QUEUE_ABANDON),
          Map.entry("EXITWITHTIMEOUT", EventType.QUEUE_EXIT),
          Map.entry("EXITWITHKEY", EventType.QUEUE_EXIT),
          Map.entry("EXITEMPTY", EventType.QUEUE_EXIT),
          Map.entry("JOINEMPTY", EventType.QUEUE_EXIT),
          Map.entry("SYSCOMPAT", EventType.QUEUE_EXIT),
          Map.entry("AGENTDUMP", EventType.QUEUE_EXIT),
          Map.entry("RINGNOANSWER", EventType.QUEUE_RING_NO_ANSWER),
          Map.entry("BLINDTRANSFER", EventType.TRANSFER_BLIND),
          Map.entry("TRANSFER", EventType.TRANSFER_BLIND),
          Map.entry("ATTENDEDTRANSFER", EventType.TRANSFER_ATTENDED),
          Map.entry("AGENTLOGIN", EventType.AGENT_LOGIN),
          Map.entry("AGENTLOGOFF", EventType.AGENT_LOGOFF),
          // Dynamic members, added to and removed from a queue (the usual way since Asterisk 12).
          Map.entry("ADDMEMBER", EventType.AGENT_LOGIN),
          Map.entry("REMOVEMEMBER", EventType.AGENT_LOGOFF),
          Map.entry("PAUSE", EventType.AGENT_PAUSE),
          Map.entry("PAUSEALL", EventType.AGENT_PAUSE),
          Map.entry("UNPAUSE", EventType.AGENT_UNPAUSE),
          Map.entry("UNPAUSEALL", EventType.AGENT_UNPAUSE));

  /** The names of the data fields of the events whose layout app_queue fixes. */
  private static final Map<String, List<String>> FIELDS =
      Map.ofEntries(
          Map.entry("ENTERQUEUE", List.of("url", "callerNumber", "position", "callerName")),
          Map.entry("CONNECT", List.of("holdtime", "memberUniqueid", "ringtime")),
          Map.entry("COMPLETECALLER", List.of("holdtime", "calltime", "origposition")),
          Map.entry("COMPLETEAGENT", List.of("holdtime", "calltime", "origposition")),
          Map.entry("ABANDON", List.of("position", "origposition", "waittime")),
          Map.entry("EXITWITHTIMEOUT", List.of("position", "origposition", "waittime")),
          Map.entry("EXITEMPTY", List.of("position", "origposition", "waittime")),
          Map.entry("EXITWITHKEY", List.of("key", "position", "origposition", "waittime")),
          Map.entry("RINGNOANSWER", List.of("ringtimeMs")),
          Map.entry(
              "BLINDTRANSFER",
              List.of("extension", "context", "holdtime", "calltime", "origposition")),
          Map.entry("PAUSE", List.of("reason")),
          Map.entry("AGENTLOGIN", List.of("channel")),
          Map.entry("AGENTLOGOFF", List.of("channel", "logintime")));

  private static final ObjectMapper JSON = new ObjectMapper();

  private AsteriskQueueLog() {}

  /**
   * One line as an event of {@code instance}; a line that has not the five fixed fields gives an
   * input the rules refuse (no call, no type). Its id is a digest of the line: a line sent twice is
   * one event.
   */
  public static EventInput read(String instance, String line) {
    String[] f = line.split("\\|", -1);
    if (f.length < 5) {
      return new EventInput(
          SOURCE,
          instance,
          digest(line),
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null);
    }
    String event = f[4].strip();
    String upper = event.toUpperCase(Locale.ROOT);
    EventType type = TYPES.getOrDefault(upper, EventType.NOTE);
    ObjectNode data = JSON.createObjectNode();
    data.put("event", event);
    List<String> names = FIELDS.getOrDefault(upper, List.of());
    ArrayNode rest = data.putArray("data");
    for (int i = 5; i < f.length; i++) {
      rest.add(f[i]);
      if (i - 5 < names.size() && !f[i].isEmpty()) {
        data.put(names.get(i - 5), f[i]);
      }
    }
    String callid = none(f[1]);
    String text = data.toString();
    return new EventInput(
        SOURCE,
        instance,
        digest(line),
        null,
        f[0].isEmpty() || !f[0].chars().allMatch(Character::isDigit) || f[0].length() > 11
            ? f[0]
            : f[0] + "000000",
        type.label(),
        // Events of no call (a pause, a login) are kept under the queue or the agent.
        callid != null ? callid : ("queue-log:" + f[2] + ":" + f[3]).replaceAll("\\s", "_"),
        callid,
        upper.equals("CONNECT") && f.length > 6 ? none(f[6]) : null,
        none(f[2]),
        none(f[3]),
        upper.equals("ENTERQUEUE") && f.length > 6 ? none(f[6]) : null,
        upper.equals("ENTERQUEUE") && f.length > 8 ? none(f[8]) : null,
        null,
        text.length() <= EventRules.MAX_DATA ? text : null);
  }

  /** Asterisk writes NONE (or nothing) where a field has no value. */
  private static String none(String field) {
    String v = field.strip();
    return v.isEmpty() || v.equals("NONE") ? null : v;
  }

  private static String digest(String line) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8));
      return "ql-" + HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
