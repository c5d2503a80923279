package io.voxhost.cti.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Call records from the Asterisk corpus: each scenario's record, and the same record whatever order
 * its events come in.
 */
class CallAssemblyTest {

  private final CallAssembly assembly = new CallAssembly(Duration.ofSeconds(10));

  private CallRecord only(List<CallEvent> events) {
    List<ReceivedEvent> received = Corpus.received(events);
    List<TreeSet<String>> groups = CallLinks.groups(received);
    assertThat(groups).as("one call").hasSize(1);
    return assembly.build(Corpus.INSTANCE, received, false);
  }

  @Test
  void aBasicCallIsAnsweredByTheCallee() {
    CallRecord r = only(Corpus.events("basic-call.csv", null));
    assertThat(r.state()).isEqualTo(CallState.COMPLETE);
    assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
    assertThat(r.keys()).containsExactly("1733482000.1");
    assertThat(r.callerNumber()).isEqualTo("100");
    assertThat(r.callerName()).isEqualTo("Alice");
    assertThat(r.callee()).isEqualTo("200");
    assertThat(r.answeredBy()).isEqualTo("PJSIP/200-00000002");
    assertThat(r.answered()).isEqualTo(Instant.parse("2024-12-06T10:46:44.250Z"));
    assertThat(r.waitMillis()).isEqualTo(4249);
    assertThat(r.talkMillis()).isEqualTo(59_750);
    assertThat(r.legs()).hasSize(2);
    assertThat(r.legs().get(1).cause()).isEqualTo(16);
    assertThat(r.events()).isEqualTo(15);
    assertThat(r.lateEvents()).isZero();
  }

  @Test
  void aCallWithoutItsEndStaysOpenUntilTheSweepClosesIt() {
    List<CallEvent> events = Corpus.events("basic-call.csv", null);
    // The switch crashed after the answer: no hangup, no end ever came.
    List<ReceivedEvent> cut = Corpus.received(events.subList(0, 7));
    CallRecord open = assembly.build(Corpus.INSTANCE, cut, false);
    assertThat(open.state()).isEqualTo(CallState.OPEN);
    assertThat(open.outcome()).isNull();
    assertThat(open.ended()).isNull();
    assertThat(open.answered()).isNotNull();

    CallRecord swept = assembly.build(Corpus.INSTANCE, cut, true);
    assertThat(swept.state()).isEqualTo(CallState.CLOSED_BY_SWEEP);
    assertThat(swept.outcome()).isEqualTo(CallOutcome.ANSWERED);
    assertThat(swept.ended()).isEqualTo(open.lastEventAt());
  }

  @Test
  void aBlindTransferIsOneTransferredCall() {
    CallRecord r = only(Corpus.events("blind-transfer.csv", null));
    assertThat(r.outcome()).isEqualTo(CallOutcome.TRANSFERRED);
    assertThat(r.transfers())
        .extracting(CallTransfer::kind, CallTransfer::channel)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("blind", "1733482000.11"));
  }

  @Test
  void anAttendedTransferJoinsBothLinkedidsIntoOneCall() {
    CallRecord r = only(Corpus.events("attended-transfer.csv", null));
    assertThat(r.keys()).containsExactly("1733483000.40", "1733483000.42");
    assertThat(r.key()).isEqualTo("1733483000.40");
    assertThat(r.state()).isEqualTo(CallState.COMPLETE);
    assertThat(r.outcome()).isEqualTo(CallOutcome.TRANSFERRED);
    assertThat(r.transfers()).extracting(CallTransfer::kind).containsExactly("attended");
    assertThat(r.legs()).hasSize(4);
    assertThat(r.durationMillis()).isEqualTo(100_006);
  }

  @Test
  void aQueueCallJoinsCelAndQueueLog() {
    CallRecord r = only(Corpus.events("queue-call.csv", "queue-call.queue_log"));
    assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
    assertThat(r.queue()).isEqualTo("support");
    assertThat(r.queueResult()).isEqualTo("connected");
    assertThat(r.answeredBy()).isEqualTo("Agent Bob");
    assertThat(r.agents()).containsExactly("Agent Carol", "Agent Bob");
    assertThat(r.ringNoAnswers()).isEqualTo(1);
    assertThat(r.callerNumber()).isEqualTo("+14155550123");
    assertThat(r.callerName()).isEqualTo("Pat Caller");
    // Answered by the agent's leg at 25.000 s after the call entered the queue.
    assertThat(r.waitMillis()).isEqualTo(25_000);
    assertThat(r.events()).isEqualTo(23);
  }

  @Test
  void aQueueCallTheCallerGivesUpOnIsAbandoned() {
    List<CallEvent> events = Corpus.events(null, "queue_log");
    List<ReceivedEvent> received = Corpus.received(events);
    List<CallRecord> records = new ArrayList<>();
    for (TreeSet<String> group : CallLinks.groups(received)) {
      List<ReceivedEvent> in =
          received.stream().filter(e -> group.contains(e.event().call())).toList();
      if (CallAssembly.isCall(in)) {
        records.add(assembly.build(Corpus.INSTANCE, in, false));
      }
    }
    assertThat(records).hasSize(2);
    CallRecord abandoned =
        records.stream().filter(r -> r.key().equals("1733482000.30")).findFirst().orElseThrow();
    assertThat(abandoned.outcome()).isEqualTo(CallOutcome.ABANDONED);
    assertThat(abandoned.waitMillis()).isEqualTo(30_000);
    assertThat(abandoned.queueResult()).isEqualTo("abandoned");
  }

  @Test
  void aPickupJoinsThePickersCallAndIsAnsweredByThePicker() {
    CallRecord r = only(Corpus.events("pickup.csv", null));
    assertThat(r.keys()).containsExactly("1733485000.60", "1733485000.62");
    assertThat(r.pickedUp()).isTrue();
    assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
    assertThat(r.answeredBy()).isEqualTo("PJSIP/300-00000062");
  }

  @Test
  void aRingGroupNobodyAnswersIsNoAnswer() {
    CallRecord r = only(Corpus.events("ring-group-no-answer.csv", null));
    assertThat(r.outcome()).isEqualTo(CallOutcome.NO_ANSWER);
    assertThat(r.legs()).hasSize(4);
    assertThat(r.ringing()).isNotNull();
    assertThat(r.answered()).isNull();
  }

  @Test
  void aBusyCalleeIsBusy() {
    assertThat(only(Corpus.events("busy.csv", null)).outcome()).isEqualTo(CallOutcome.BUSY);
  }

  @Test
  void aTransferIntoAQueueIsAQueueTransferAndTheQueueIsTheCalls() {
    // The blind transfer's callee sends the caller on to the support queue, where Dave answers.
    List<CallEvent> events = new ArrayList<>(Corpus.events("blind-transfer.csv", null));
    Instant transfer = Instant.parse("2024-12-06T10:48:40Z");
    events.removeIf(e -> e.at().isAfter(transfer.plusMillis(10)));
    events.add(queue(EventType.QUEUE_ENTER, "q1", transfer.plusSeconds(1), null));
    events.add(queue(EventType.QUEUE_CONNECT, "q2", transfer.plusSeconds(9), "Agent Dave"));
    events.add(queue(EventType.QUEUE_COMPLETE, "q3", transfer.plusSeconds(60), "Agent Dave"));
    CallRecord r = only(events);
    assertThat(r.transfers()).extracting(CallTransfer::kind).containsExactly("queue");
    assertThat(r.queue()).isEqualTo("support");
    assertThat(r.queueResult()).isEqualTo("connected");
    assertThat(r.agents()).containsExactly("Agent Dave");
    assertThat(r.answeredBy()).isEqualTo("Agent Dave");
  }

  @Test
  void aCallStillWaitingInItsQueueIsOpenWithNoWaitYet() {
    Instant entered = Instant.parse("2024-12-06T10:48:41Z");
    CallRecord r =
        assembly.build(
            Corpus.INSTANCE,
            Corpus.received(List.of(queue(EventType.QUEUE_ENTER, "q1", entered, null))),
            false);
    assertThat(r.state()).isEqualTo(CallState.OPEN);
    assertThat(r.queueEntered()).isEqualTo(entered);
    assertThat(r.waitMillis()).isNull();
    assertThat(r.problem()).isNull();
  }

  private static CallEvent queue(EventType type, String id, Instant at, String agent) {
    return new CallEvent(
        "asterisk-queue-log",
        Corpus.INSTANCE,
        id,
        null,
        at,
        type,
        "1733482000.10",
        "1733482000.10",
        null,
        "support",
        agent,
        null,
        null,
        null,
        null);
  }

  @Test
  void holdsAreTimedPerLegAndOneNeverLiftedLastsToTheLegsEnd() {
    List<CallEvent> events = new ArrayList<>(Corpus.events("basic-call.csv", null));
    Instant answered = Instant.parse("2024-12-06T10:46:44.250Z");
    events.add(hold(EventType.HOLD, "h1", answered.plusSeconds(10), "1733482000.2"));
    events.add(hold(EventType.UNHOLD, "h2", answered.plusSeconds(25), "1733482000.2"));
    events.add(hold(EventType.HOLD, "h3", answered.plusSeconds(50), "1733482000.1"));
    CallRecord r = assembly.build(Corpus.INSTANCE, Corpus.received(events), false);
    assertThat(r.holds()).isEqualTo(2);
    // 15 s, then from 54.25 s to Alice's hangup at 64.0005 s.
    assertThat(r.holdMillis()).isEqualTo(15_000 + 9_750);
  }

  private static CallEvent hold(EventType type, String id, Instant at, String channel) {
    return new CallEvent(
        "asterisk-ami",
        Corpus.INSTANCE,
        id,
        null,
        at,
        type,
        "1733482000.1",
        channel,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void eventsArrivingLongAfterNewerOnesAreCountedLate() {
    List<CallEvent> events = new ArrayList<>(Corpus.events("basic-call.csv", null));
    CallEvent first = events.remove(0);
    events.add(first);
    CallRecord r = assembly.build(Corpus.INSTANCE, Corpus.received(events), false);
    assertThat(r.lateEvents()).isEqualTo(1);
    assertThat(r.callerNumber()).isEqualTo("100");
  }

  @Provide
  Arbitrary<String> scenarios() {
    return Arbitraries.of(
        "basic-call.csv",
        "blind-transfer.csv",
        "attended-transfer.csv",
        "queue-call.csv",
        "pickup.csv",
        "ring-group-no-answer.csv",
        "busy.csv");
  }

  /** The same events in any order make the same record, the late count and arrival aside. */
  @Property(tries = 200)
  void anyOrderMakesTheSameRecord(@ForAll("scenarios") String scenario, @ForAll long seed) {
    List<CallEvent> events =
        Corpus.events(scenario, scenario.equals("queue-call.csv") ? "queue-call.queue_log" : null);
    CallRecord ordered = assembly.build(Corpus.INSTANCE, Corpus.received(events), false);
    List<CallEvent> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new Random(seed));
    List<ReceivedEvent> received = Corpus.received(shuffled);
    assertThat(CallLinks.groups(received)).hasSize(1);
    CallRecord replayed = assembly.build(Corpus.INSTANCE, received, false);
    assertThat(sameButArrival(replayed)).isEqualTo(sameButArrival(ordered));
  }

  /** A record with what depends on arrival (late events, last received) set aside. */
  static CallRecord sameButArrival(CallRecord r) {
    return new CallRecord(
        r.id(),
        r.instance(),
        r.key(),
        r.keys(),
        r.state(),
        r.outcome(),
        r.started(),
        r.ended(),
        r.callerNumber(),
        r.callerName(),
        r.callerNameSource(),
        r.callee(),
        r.ringing(),
        r.answered(),
        r.answeredBy(),
        r.queue(),
        r.queueEntered(),
        r.queueLeft(),
        r.queueResult(),
        r.agents(),
        r.ringNoAnswers(),
        r.missedBy(),
        r.holds(),
        r.holdMillis(),
        r.transfers(),
        r.pickedUp(),
        r.waitMillis(),
        r.talkMillis(),
        r.durationMillis(),
        r.recording(),
        r.legs(),
        r.events(),
        0,
        r.lastEventAt(),
        Instant.EPOCH,
        r.problem());
  }
}
