package io.voxhost.cti.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Makes one call's record from all of its events, whatever order they came in: the events are
 * sorted by time (then sequence, source and id) before anything is read from them, so the same
 * events always make the same record. The rules are in cti.md, "Call records".
 */
public final class CallAssembly {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The source of a caller's name that came with the call's own events. */
  public static final String SWITCH = "switch";

  /** Events that are about a phone or an agent, not a call: alone they make no call record. */
  private static final Set<EventType> NOT_CALLS =
      EnumSet.of(
          EventType.AGENT_LOGIN,
          EventType.AGENT_LOGOFF,
          EventType.AGENT_PAUSE,
          EventType.AGENT_UNPAUSE,
          EventType.REGISTRATION,
          EventType.PROVISIONING_FETCH,
          EventType.NOTE);

  /** Events that say a channel exists: a key that has them ends when all its channels have. */
  private static final Set<EventType> CHANNEL_EVENTS =
      EnumSet.of(
          EventType.CHANNEL_START,
          EventType.ANSWER,
          EventType.BRIDGE_ENTER,
          EventType.BRIDGE_EXIT,
          EventType.HANGUP,
          EventType.CHANNEL_END);

  /** The end of a key that has no channel events (queue_log alone, our redirects). */
  private static final Set<EventType> TERMINAL =
      EnumSet.of(
          EventType.QUEUE_COMPLETE,
          EventType.QUEUE_ABANDON,
          EventType.QUEUE_EXIT,
          EventType.REDIRECT,
          EventType.HANGUP,
          EventType.CHANNEL_END,
          EventType.CALL_END);

  /** Q.850 causes that mean the call could not be put through (not busy, not unanswered). */
  private static final Set<Integer> FAILURE_CAUSES =
      Set.of(1, 2, 3, 21, 22, 27, 28, 34, 38, 41, 42, 44, 47, 58, 88, 102, 111, 127);

  private static final Comparator<ReceivedEvent> IN_ORDER =
      Comparator.comparing((ReceivedEvent r) -> r.event().at())
          .thenComparing(r -> r.event().seq(), Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(r -> r.event().source())
          .thenComparing(r -> r.event().id());

  private static final Comparator<ReceivedEvent> AS_RECEIVED =
      Comparator.comparing(ReceivedEvent::received).thenComparing(IN_ORDER);

  private final Duration lateness;

  public CallAssembly(Duration lateness) {
    this.lateness = lateness;
  }

  /** Whether the events make a call (an agent's pauses, a phone's registrations do not). */
  public static boolean isCall(Collection<ReceivedEvent> events) {
    return events.stream().anyMatch(r -> !NOT_CALLS.contains(r.event().type()));
  }

  /** The id of the call whose smallest key is {@code key}: the same on every node, every time. */
  public static UUID idOf(String instance, String key) {
    return UUID.nameUUIDFromBytes((instance + "\n" + key).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The record of one call of {@code instance}.
   *
   * @param swept whether the sweep has closed it (its end never came)
   */
  public CallRecord build(String instance, Collection<ReceivedEvent> events, boolean swept) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a call has at least one event");
    }
    List<ReceivedEvent> sorted = new ArrayList<>(events);
    sorted.sort(IN_ORDER);
    TreeSet<String> keys = new TreeSet<>();
    sorted.forEach(r -> keys.add(r.event().call()));
    Set<String> origins = origins(sorted, keys);
    Map<CallEvent, JsonNode> data = new IdentityHashMap<>();
    for (ReceivedEvent r : sorted) {
      data.put(r.event(), data(r.event()));
    }
    Map<String, LegState> legs = legs(sorted, data);
    Instant started = sorted.get(0).event().at();
    Instant lastAt = sorted.get(sorted.size() - 1).event().at();

    CallEvent first = firstOf(sorted, EventType.CHANNEL_START);
    String callerNumber = first != null ? first.number() : firstValue(sorted, CallEvent::number);
    String callerName = first != null ? first.name() : firstValue(sorted, CallEvent::name);
    String callee =
        first != null && first.dialled() != null
            ? first.dialled()
            : firstValue(sorted, CallEvent::dialled);

    Instant ringing = null;
    Instant answered = null;
    String answeredBy = null;
    Instant systemAnswered = null;
    String agentConnected = null;
    String queue = null;
    Instant queueEntered = null;
    Instant queueLeft = null;
    String queueResult = null;
    Set<String> agents = new LinkedHashSet<>();
    int ringNoAnswers = 0;
    List<String> missedBy = new ArrayList<>();
    List<CallTransfer> transfers = new ArrayList<>();
    boolean pickedUp = false;
    boolean voicemail = false;
    String recording = null;
    CallOutcome redirected = null;
    for (ReceivedEvent r : sorted) {
      CallEvent e = r.event();
      JsonNode extra = data.get(e);
      if ("voicemail".equalsIgnoreCase(text(extra, "appname"))) {
        voicemail = true;
      }
      switch (e.type()) {
        case RING, QUEUE_OFFER -> ringing = earliest(ringing, e.at());
        case CHANNEL_START -> {
          if (e.channel() != null && !origins.contains(e.channel())) {
            ringing = earliest(ringing, e.at());
          }
        }
        case ANSWER -> {
          if (e.channel() != null && !origins.contains(e.channel())) {
            if (answered == null) {
              answered = e.at();
              LegState leg = legs.get(e.channel());
              answeredBy = leg.name != null ? leg.name : e.channel();
            }
          } else if (systemAnswered == null) {
            systemAnswered = e.at();
          }
        }
        case QUEUE_ENTER -> {
          if (queue == null) {
            queue = e.queue();
            queueEntered = e.at();
          }
          if (!transfers.isEmpty()) {
            CallTransfer last = transfers.get(transfers.size() - 1);
            if (!"queue".equals(last.kind()) && (answered == null || last.at().isAfter(answered))) {
              transfers.set(
                  transfers.size() - 1, new CallTransfer("queue", last.at(), last.channel()));
            }
          }
        }
        case QUEUE_CONNECT -> {
          agents.add(e.agent() == null ? "" : e.agent());
          if (agentConnected == null) {
            agentConnected = e.agent();
            answered = earliest(answered, e.at());
          }
          if (queueEntered != null && queueLeft == null) {
            queueLeft = e.at();
            queueResult = "connected";
          }
        }
        case QUEUE_ABANDON, QUEUE_EXIT -> {
          if (queueEntered != null && queueLeft == null) {
            queueLeft = e.at();
            queueResult = queueResult(e.type(), text(extra, "event"));
          }
        }
        case QUEUE_RING_NO_ANSWER -> {
          ringNoAnswers++;
          if (e.agent() != null) {
            agents.add(e.agent());
            missedBy.add(e.agent());
          }
        }
        case QUEUE_COMPLETE -> {
          if (e.agent() != null) {
            agents.add(e.agent());
          }
        }
        case TRANSFER_BLIND, TRANSFER_ATTENDED ->
            transferred(transfers, e.type() == EventType.TRANSFER_BLIND ? "blind" : "attended", e);
        case HANGUP -> {
          // FreeSWITCH tells a transfer by the transferor's hangup cause.
          String kind = text(extra == null ? null : extra.get("extra"), "transfer");
          if ("blind".equals(kind) || "attended".equals(kind)) {
            transferred(transfers, kind, e);
          }
        }
        case PICKUP -> pickedUp = true;
        case RECORDING_START -> {
          if (recording == null) {
            recording = text(extra, "recording");
          }
        }
        case REDIRECT -> redirected = redirectOutcome(extra);
        default -> {}
      }
    }
    agents.remove("");
    if (agentConnected != null) {
      answeredBy = agentConnected;
    }

    Instant ended = ended(sorted, keys);
    CallState state =
        ended != null ? CallState.COMPLETE : swept ? CallState.CLOSED_BY_SWEEP : CallState.OPEN;
    Instant end = ended != null ? ended : state == CallState.OPEN ? null : lastAt;
    if (end != null && queueEntered != null && queueLeft == null) {
      // The caller hung up while waiting: the switch's queue log may not have said so.
      queueLeft = end;
      queueResult = answered == null ? "abandoned" : "connected";
    }
    CallOutcome outcome = null;
    if (end != null) {
      if (answered != null) {
        outcome = transfers.isEmpty() ? CallOutcome.ANSWERED : CallOutcome.TRANSFERRED;
      } else if (voicemail) {
        outcome = CallOutcome.VOICEMAIL;
      } else if (queueEntered != null) {
        outcome = "abandoned".equals(queueResult) ? CallOutcome.ABANDONED : CallOutcome.NO_ANSWER;
      } else if (redirected != null) {
        outcome = redirected;
      } else if (legs.values().stream().anyMatch(LegState::busy)) {
        outcome = CallOutcome.BUSY;
      } else if (legs.values().stream().anyMatch(LegState::failed)) {
        outcome = CallOutcome.FAILED;
      } else if (systemAnswered != null) {
        outcome = CallOutcome.ANSWERED;
        answered = systemAnswered;
        answeredBy = "system";
      } else {
        outcome = CallOutcome.NO_ANSWER;
      }
    }
    Instant waitFrom = queueEntered != null ? queueEntered : started;
    // Not one conditional expression: its long branches would unbox the null of an open call.
    Long waitMillis = null;
    if (answered != null) {
      waitMillis = millis(waitFrom, answered);
    } else if (end != null) {
      waitMillis = millis(waitFrom, queueLeft != null ? queueLeft : end);
    }
    long[] hold = holds(sorted, legs, lastAt);

    return new CallRecord(
        idOf(instance, keys.first()),
        instance,
        keys.first(),
        List.copyOf(keys),
        state,
        outcome,
        started,
        end,
        callerNumber,
        callerName,
        callerName == null ? null : SWITCH,
        callee,
        ringing,
        answered,
        answeredBy,
        queue,
        queueEntered,
        queueLeft,
        queueResult,
        List.copyOf(agents),
        ringNoAnswers,
        List.copyOf(missedBy),
        (int) hold[0],
        hold[1],
        List.copyOf(transfers),
        pickedUp,
        waitMillis,
        answered != null && end != null ? millis(answered, end) : null,
        end == null ? null : millis(started, end),
        recording,
        legs.values().stream().map(LegState::leg).toList(),
        sorted.size(),
        late(events),
        lastAt,
        events.stream().map(ReceivedEvent::received).max(Comparator.naturalOrder()).orElseThrow(),
        null);
  }

  /**
   * The record of a call whose events could not be read: what is known for sure, and the problem,
   * so that it is seen and counted rather than lost.
   */
  public static CallRecord unreadable(
      String instance, Collection<ReceivedEvent> events, String problem) {
    TreeSet<String> keys = new TreeSet<>();
    events.forEach(r -> keys.add(r.event().call()));
    Instant first = events.stream().map(r -> r.event().at()).min(Comparator.naturalOrder()).get();
    Instant last = events.stream().map(r -> r.event().at()).max(Comparator.naturalOrder()).get();
    return new CallRecord(
        idOf(instance, keys.first()),
        instance,
        keys.first(),
        List.copyOf(keys),
        CallState.UNREADABLE,
        null,
        first,
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
        null,
        List.of(),
        0,
        List.of(),
        0,
        0,
        List.of(),
        false,
        null,
        null,
        null,
        null,
        List.of(),
        events.size(),
        0,
        last,
        events.stream().map(ReceivedEvent::received).max(Comparator.naturalOrder()).get(),
        problem);
  }

  /** Each key's first channel: the one whose id is the key's, else the first one to start. */
  private static Set<String> origins(List<ReceivedEvent> sorted, Set<String> keys) {
    Set<String> origins = new TreeSet<>();
    Map<String, String> firstStarted = new HashMap<>();
    Set<String> channels = new TreeSet<>();
    for (ReceivedEvent r : sorted) {
      CallEvent e = r.event();
      if (e.channel() != null) {
        channels.add(e.channel());
        if (e.type() == EventType.CHANNEL_START) {
          firstStarted.putIfAbsent(e.call(), e.channel());
        }
      }
    }
    for (String key : keys) {
      if (channels.contains(key)) {
        origins.add(key);
      } else if (firstStarted.containsKey(key)) {
        origins.add(firstStarted.get(key));
      }
    }
    // The channel that picks up a ringing call starts its own key but answers as the callee.
    for (ReceivedEvent r : sorted) {
      if (r.event().type() == EventType.PICKUP && r.event().peer() != null) {
        origins.remove(r.event().peer());
      }
    }
    return origins;
  }

  private static Map<String, LegState> legs(
      List<ReceivedEvent> sorted, Map<CallEvent, JsonNode> parsed) {
    Map<String, LegState> legs = new LinkedHashMap<>();
    for (ReceivedEvent r : sorted) {
      CallEvent e = r.event();
      if (e.channel() == null) {
        continue;
      }
      LegState leg = legs.computeIfAbsent(e.channel(), c -> new LegState(c, e.at()));
      JsonNode data = parsed.get(e);
      if (leg.name == null) {
        leg.name = text(data, "channame");
      }
      if (leg.number == null && e.type() != EventType.QUEUE_ENTER) {
        leg.number = e.number();
      }
      if (e.type() == EventType.ANSWER && leg.answered == null) {
        leg.answered = e.at();
      }
      if ((e.type() == EventType.HANGUP || e.type() == EventType.CHANNEL_END)
          && leg.ended == null) {
        leg.ended = e.at();
      }
      JsonNode extra = data == null ? null : data.get("extra");
      Integer cause = number(extra, "hangupcause");
      if (cause != null && leg.cause == null) {
        leg.cause = cause;
      }
      String dial = text(extra, "dialstatus");
      if (dial != null && !dial.isEmpty() && leg.dialStatus == null) {
        leg.dialStatus = dial.toUpperCase(Locale.ROOT);
      }
    }
    return legs;
  }

  /**
   * When every key has ended, the last of their ends; null while one has not. A key ends with its
   * {@code call-end}; without one, when all its channels have hung up; without channels, with its
   * last queue or redirect event.
   */
  private static Instant ended(List<ReceivedEvent> sorted, Set<String> keys) {
    Map<String, KeyEnd> byKey = new HashMap<>();
    for (ReceivedEvent r : sorted) {
      CallEvent e = r.event();
      KeyEnd k = byKey.computeIfAbsent(e.call(), c -> new KeyEnd());
      if (e.type() == EventType.CALL_END) {
        k.callEnd = latest(k.callEnd, e.at());
      }
      if (TERMINAL.contains(e.type())) {
        k.terminal = latest(k.terminal, e.at());
      }
      if (CHANNEL_EVENTS.contains(e.type()) && e.channel() != null) {
        k.channelEvents = true;
        if (e.type() == EventType.HANGUP || e.type() == EventType.CHANNEL_END) {
          k.open.remove(e.channel());
          k.hungUp.add(e.channel());
        } else if (!k.hungUp.contains(e.channel())) {
          // An event after a channel's hangup (a late bridge exit) does not open it again.
          k.open.add(e.channel());
        }
      }
    }
    Instant end = null;
    for (String key : keys) {
      KeyEnd k = byKey.get(key);
      Instant keyEnd =
          k.callEnd != null
              ? k.callEnd
              : k.channelEvents ? (k.open.isEmpty() ? k.terminal : null) : k.terminal;
      if (keyEnd == null) {
        return null;
      }
      end = latest(end, keyEnd);
    }
    return end;
  }

  /** What one key's events say about its end. */
  private static final class KeyEnd {
    private Instant callEnd;
    private Instant terminal;
    private boolean channelEvents;
    private final Set<String> open = new TreeSet<>();
    private final Set<String> hungUp = new TreeSet<>();
  }

  /** How many holds, and their time in milliseconds; a hold never lifted lasts to its leg's end. */
  private static long[] holds(
      List<ReceivedEvent> sorted, Map<String, LegState> legs, Instant last) {
    Map<String, Instant> onHold = new HashMap<>();
    long count = 0;
    long millis = 0;
    for (ReceivedEvent r : sorted) {
      CallEvent e = r.event();
      String leg = e.channel() == null ? "" : e.channel();
      if (e.type() == EventType.HOLD && !onHold.containsKey(leg)) {
        onHold.put(leg, e.at());
        count++;
      } else if (e.type() == EventType.UNHOLD && onHold.containsKey(leg)) {
        millis += millis(onHold.remove(leg), e.at());
      }
    }
    for (Map.Entry<String, Instant> held : onHold.entrySet()) {
      LegState leg = legs.get(held.getKey());
      Instant until = leg != null && leg.ended != null ? leg.ended : last;
      millis += Math.max(0, millis(held.getValue(), until));
    }
    return new long[] {count, millis};
  }

  /** Events that arrived after one newer than them by more than the lateness window. */
  private int late(Collection<ReceivedEvent> events) {
    List<ReceivedEvent> arrived = new ArrayList<>(events);
    arrived.sort(AS_RECEIVED);
    Instant newest = null;
    int late = 0;
    for (ReceivedEvent r : arrived) {
      Instant at = r.event().at();
      if (newest != null && at.plus(lateness).isBefore(newest)) {
        late++;
      }
      newest = latest(newest, at);
    }
    return late;
  }

  private static String queueResult(EventType type, String event) {
    if (type == EventType.QUEUE_ABANDON) {
      return "abandoned";
    }
    String e = event == null ? "" : event.toUpperCase(Locale.ROOT);
    return switch (e) {
      case "EXITWITHTIMEOUT" -> "timeout";
      case "EXITWITHKEY" -> "key";
      case "EXITEMPTY" -> "empty";
      case "JOINEMPTY" -> "join-empty";
      default -> "exited";
    };
  }

  /** Our redirect server's answer: 3xx sent the call on, 486 and 600 were busy, the rest failed. */
  private static CallOutcome redirectOutcome(JsonNode data) {
    Integer status = number(data, "status");
    if (status == null) {
      return CallOutcome.FAILED;
    }
    if (status >= 300 && status < 400) {
      return CallOutcome.TRANSFERRED;
    }
    return status == 486 || status == 600 ? CallOutcome.BUSY : CallOutcome.FAILED;
  }

  private static CallEvent firstOf(List<ReceivedEvent> sorted, EventType type) {
    return sorted.stream()
        .map(ReceivedEvent::event)
        .filter(e -> e.type() == type)
        .findFirst()
        .orElse(null);
  }

  private static String firstValue(
      List<ReceivedEvent> sorted, java.util.function.Function<CallEvent, String> field) {
    return sorted.stream()
        .map(r -> field.apply(r.event()))
        .filter(v -> v != null)
        .findFirst()
        .orElse(null);
  }

  private static JsonNode data(CallEvent e) {
    if (e.data() == null) {
      return null;
    }
    try {
      return JSON.readTree(e.data());
    } catch (JsonProcessingException ex) {
      return null;
    }
  }

  /** Adds a transfer, unless it is one already told (by another source, or the other leg). */
  private static void transferred(List<CallTransfer> transfers, String kind, CallEvent e) {
    // The same transfer told twice: CEL and queue_log both log it (queue_log to the second), and
    // both of an attended transfer's transferor channels end with it.
    boolean told =
        transfers.stream()
            .anyMatch(
                t ->
                    t.kind().equals(kind)
                        && Duration.between(t.at(), e.at()).abs().toMillis() < 2000);
    if (!told) {
      transfers.add(new CallTransfer(kind, e.at(), e.peer()));
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  private static Integer number(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null) {
      return null;
    }
    if (v.isInt()) {
      return v.intValue();
    }
    if (v.isTextual() && v.textValue().matches("\\d{1,9}")) {
      return Integer.valueOf(v.textValue());
    }
    return null;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  private static Instant latest(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }

  private static long millis(Instant from, Instant to) {
    return Duration.between(from, to).toMillis();
  }

  /** A leg as its events are read. */
  private static final class LegState {
    private final String channel;
    private final Instant started;
    private String name;
    private String number;
    private Instant answered;
    private Instant ended;
    private Integer cause;
    private String dialStatus;

    private LegState(String channel, Instant started) {
      this.channel = channel;
      this.started = started;
    }

    boolean busy() {
      return "BUSY".equals(dialStatus) || Integer.valueOf(17).equals(cause);
    }

    boolean failed() {
      return "CHANUNAVAIL".equals(dialStatus)
          || "CONGESTION".equals(dialStatus)
          || "INVALIDARGS".equals(dialStatus)
          || (cause != null && FAILURE_CAUSES.contains(cause));
    }

    CallLeg leg() {
      return new CallLeg(channel, name, number, started, answered, ended, cause, dialStatus);
    }
  }
}
