package io.voxhost.cti.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Asterisk's AMI and FreeSWITCH's event socket: the same answered call as the CEL corpus, read from
 * what each sends, makes the same record, in any order of arrival.
 */
class SwitchAdaptersTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CallAssembly assembly = new CallAssembly(Duration.ofSeconds(10));
  private final EventRules rules = new EventRules(Clock.systemUTC());

  private static String corpus(String name) throws IOException {
    try (InputStream in = SwitchAdaptersTest.class.getResourceAsStream("/corpus/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private CallEvent checked(EventInput in) {
    EventRules.Checked c = rules.check(in);
    assertThat(c.problems()).isEmpty();
    return c.event();
  }

  private List<CallEvent> ami() throws IOException {
    return ami("ami/basic-call.ami");
  }

  private List<CallEvent> ami(String file) throws IOException {
    List<CallEvent> events = new ArrayList<>();
    Map<String, String> block = new LinkedHashMap<>();
    for (String line : corpus(file).split("\r\n", -1)) {
      if (line.isEmpty()) {
        AsteriskAmi.read("pbx1", block).map(this::checked).ifPresent(events::add);
        block = new LinkedHashMap<>();
      } else if (line.indexOf(':') > 0) {
        block.put(
            line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1).strip());
      }
    }
    return events;
  }

  private List<CallEvent> esl() throws IOException {
    return esl("freeswitch/basic-call.jsonl");
  }

  private List<CallEvent> esl(String file) throws IOException {
    List<CallEvent> events = new ArrayList<>();
    for (String line : corpus(file).split("\n")) {
      if (!line.isBlank()) {
        FreeSwitchEsl.read("fs1", JSON.readTree(line)).map(this::checked).ifPresent(events::add);
      }
    }
    return events;
  }

  private CallRecord built(List<CallEvent> events, long seed) {
    List<CallEvent> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new Random(seed));
    return assembly.build("pbx1", Corpus.received(shuffled), false);
  }

  @Test
  void amisEventsOfAnAnsweredCallMakeItsRecord() throws IOException {
    List<CallEvent> events = ami();
    // Newexten, VarSet, the banner and the login's answer are no call events.
    assertThat(events).hasSize(13);
    assertThat(events).allSatisfy(e -> assertThat(e.source()).isEqualTo(AsteriskAmi.SOURCE));
    for (long seed = 0; seed < 5; seed++) {
      CallRecord r = built(events, seed);
      assertThat(r.state()).isEqualTo(CallState.COMPLETE);
      assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
      assertThat(r.key()).isEqualTo("1733482000.1");
      assertThat(r.callerNumber()).isEqualTo("100");
      assertThat(r.callee()).isEqualTo("200");
      assertThat(r.answered()).isEqualTo(Instant.parse("2024-12-06T10:46:44.250Z"));
      assertThat(r.talkMillis()).isEqualTo(59_750);
      assertThat(r.legs()).hasSize(2);
      assertThat(r.legs()).allSatisfy(l -> assertThat(l.cause()).isEqualTo(16));
    }
  }

  @Test
  void amisEventsOfAQueueCallMakeItsRecord() throws IOException {
    List<CallEvent> events = ami("ami/queue-call.ami");
    assertThat(events).hasSize(17); // QueueCallerLeave says nothing a record shows
    CallRecord r = built(events, 1);
    assertThat(r.state()).isEqualTo(CallState.COMPLETE);
    assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
    assertThat(r.queue()).isEqualTo("support");
    assertThat(r.queueResult()).isEqualTo("connected");
    assertThat(r.answeredBy()).isEqualTo("Agent Dave");
    assertThat(r.agents()).containsExactly("Agent Dave");
    assertThat(r.callerNumber()).isEqualTo("+14155550300");
    assertThat(r.waitMillis()).isBetween(11_900L, 12_100L);
    assertThat(r.talkMillis()).isBetween(89_900L, 90_100L);
  }

  @Provide
  Arbitrary<String> corpora() {
    return Arbitraries.of(
        "ami/basic-call.ami",
        "ami/queue-call.ami",
        "ami/attended-transfer.ami",
        "ami/blind-transfer.ami",
        "freeswitch/basic-call.jsonl",
        "freeswitch/attended-transfer.jsonl",
        "freeswitch/blind-transfer.jsonl",
        "freeswitch/callcenter-call.jsonl");
  }

  /** Shuffled, with some events sent twice, each corpus makes the record of its ordered replay. */
  @Property(tries = 100)
  void anyOrderAndRepeatsMakeTheSameRecord(@ForAll("corpora") String file, @ForAll long seed)
      throws IOException {
    List<CallEvent> events = file.endsWith(".ami") ? ami(file) : esl(file);
    CallRecord ordered = assembly.build("pbx1", Corpus.received(events), false);
    Random random = new Random(seed);
    List<CallEvent> sent = new ArrayList<>(events);
    for (CallEvent e : events) {
      if (random.nextInt(4) == 0) {
        sent.add(e); // sent again; the store keeps one, the builder must not count it twice
      }
    }
    Collections.shuffle(sent, random);
    List<CallEvent> stored = sent.stream().distinct().toList();
    CallRecord replayed = assembly.build("pbx1", Corpus.received(stored), false);
    assertThat(CallAssemblyTest.sameButArrival(replayed))
        .isEqualTo(CallAssemblyTest.sameButArrival(ordered));
  }

  @Test
  void freeSwitchsEventsOfAnAnsweredCallMakeItsRecord() throws IOException {
    List<CallEvent> events = esl();
    assertThat(events).hasSize(9); // the heartbeat is none
    assertThat(events.get(0).id()).isEqualTo("8c1f3a2e-5b6d-4e7f-9a0b-1c2d3e4f5a6b/20001");
    assertThat(events.get(0).seq()).isEqualTo(20001L);
    for (long seed = 0; seed < 5; seed++) {
      CallRecord r = built(events, seed);
      assertThat(r.state()).isEqualTo(CallState.COMPLETE);
      assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
      assertThat(r.key()).isEqualTo("a1b2c3d4-0000-4000-8000-000000000001");
      assertThat(r.callee()).isEqualTo("200");
      assertThat(r.talkMillis()).isEqualTo(59_750);
      assertThat(r.legs()).hasSize(2);
    }
  }

  @Test
  void anAmiBlockWithoutTimeOrIdentityIsNoEvent() {
    Optional<EventInput> in =
        AsteriskAmi.read("pbx1", Map.of("Event", "Hangup", "Uniqueid", "1.1", "Linkedid", "1.1"));
    assertThat(in).isPresent();
    assertThat(rules.check(in.get()).ok()).isFalse();
    assertThat(AsteriskAmi.read("pbx1", Map.of("Response", "Success"))).isEmpty();
    assertThat(AsteriskAmi.read("pbx1", Map.of("Event", "RTCPSent", "Timestamp", "1.0"))).isEmpty();
  }

  @Test
  void amisAttendedAndBlindTransfersAreEachOneTransferredCall() throws IOException {
    for (long seed = 0; seed < 5; seed++) {
      CallRecord attended = built(ami("ami/attended-transfer.ami"), seed);
      assertThat(attended.state()).isEqualTo(CallState.COMPLETE);
      assertThat(attended.outcome()).isEqualTo(CallOutcome.TRANSFERRED);
      assertThat(attended.transfers()).extracting(CallTransfer::kind).containsExactly("attended");
      assertThat(attended.keys()).containsExactly("1733486000.11", "1733486030.13");
      assertThat(attended.legs()).hasSize(4);
      CallRecord blind = built(ami("ami/blind-transfer.ami"), seed);
      assertThat(blind.state()).isEqualTo(CallState.COMPLETE);
      assertThat(blind.outcome()).isEqualTo(CallOutcome.TRANSFERRED);
      assertThat(blind.transfers()).extracting(CallTransfer::kind).containsExactly("blind");
      assertThat(blind.legs()).hasSize(3);
    }
  }

  @Test
  void freeSwitchsAttendedTransferIsOneTransferredCall() throws IOException {
    List<CallEvent> events = esl("freeswitch/attended-transfer.jsonl");
    for (long seed = 0; seed < 5; seed++) {
      CallRecord r = built(events, seed);
      assertThat(r.state()).isEqualTo(CallState.COMPLETE);
      assertThat(r.outcome()).isEqualTo(CallOutcome.TRANSFERRED);
      assertThat(r.transfers()).extracting(CallTransfer::kind).containsExactly("attended");
      assertThat(r.legs()).hasSize(4);
      assertThat(r.callerNumber()).isEqualTo("100");
      assertThat(r.callee()).isEqualTo("200");
    }
  }

  @Test
  void freeSwitchsBlindTransferIsOneTransferredCall() throws IOException {
    List<CallEvent> events = esl("freeswitch/blind-transfer.jsonl");
    for (long seed = 0; seed < 5; seed++) {
      CallRecord r = built(events, seed);
      assertThat(r.state()).isEqualTo(CallState.COMPLETE);
      assertThat(r.outcome()).isEqualTo(CallOutcome.TRANSFERRED);
      assertThat(r.transfers()).extracting(CallTransfer::kind).containsExactly("blind");
      assertThat(r.legs()).hasSize(3);
    }
  }

  @Test
  void aCallThroughModCallcentersQueueMakesItsRecord() throws IOException {
    List<CallEvent> events = esl("freeswitch/callcenter-call.jsonl");
    assertThat(events)
        .allSatisfy(e -> assertThat(e.call()).isEqualTo("a1b2c3d4-0000-4000-8000-000000000031"));
    for (long seed = 0; seed < 5; seed++) {
      CallRecord r = built(events, seed);
      assertThat(r.state()).isEqualTo(CallState.COMPLETE);
      assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
      assertThat(r.queue()).isEqualTo("support@default");
      assertThat(r.queueResult()).isEqualTo("connected");
      assertThat(r.answeredBy()).isEqualTo("1001@default");
      assertThat(r.agents()).containsExactlyInAnyOrder("1000@default", "1001@default");
      assertThat(r.ringNoAnswers()).isEqualTo(1);
      assertThat(r.callerNumber()).isEqualTo("+14155550300");
      assertThat(r.waitMillis()).isEqualTo(11_500L); // to the agent leg's answer
      assertThat(r.talkMillis()).isBetween(89_900L, 90_100L);
    }
  }

  @Test
  void modCallcentersQueueEndsAndAgentStatusesAreRead() throws IOException {
    String core = "\"Core-UUID\":\"c\",\"Event-Date-Timestamp\":\"1733485000000000\",";
    String end =
        "{\"Event-Name\":\"CUSTOM\",\"Event-Subclass\":\"callcenter::info\","
            + core
            + "\"Event-Sequence\":\"1\",\"CC-Action\":\"member-queue-end\",\"CC-Queue\":\"q\","
            + "\"CC-Member-Session-UUID\":\"m\",\"CC-Cause\":\"Cancel\",\"CC-Cancel-Reason\":\"%s\"}";
    assertThat(type(String.format(end, "NONE"))).isEqualTo(EventType.QUEUE_ABANDON);
    CallEvent timeout = event(String.format(end, "TIMEOUT"));
    assertThat(timeout.type()).isEqualTo(EventType.QUEUE_EXIT);
    assertThat(timeout.data()).contains("EXITWITHTIMEOUT");
    String status =
        "{\"Event-Name\":\"CUSTOM\",\"Event-Subclass\":\"callcenter::info\","
            + core
            + "\"Event-Sequence\":\"2\",\"CC-Action\":\"agent-status-change\","
            + "\"CC-Agent\":\"1001@default\",\"CC-Agent-Status\":\"%s\"}";
    assertThat(type(String.format(status, "Available (On Demand)")))
        .isEqualTo(EventType.AGENT_LOGIN);
    assertThat(type(String.format(status, "On Break"))).isEqualTo(EventType.AGENT_PAUSE);
    CallEvent out = event(String.format(status, "Logged Out"));
    assertThat(out.type()).isEqualTo(EventType.AGENT_LOGOFF);
    assertThat(out.agent()).isEqualTo("1001@default");
    assertThat(out.queue()).isNull();
    assertThat(FreeSwitchEsl.read("fs1", JSON.readTree(String.format(status, "Unknown"))))
        .isEmpty();
  }

  private CallEvent event(String json) throws IOException {
    return checked(FreeSwitchEsl.read("fs1", JSON.readTree(json)).orElseThrow());
  }

  private EventType type(String json) throws IOException {
    return event(json).type();
  }
}
