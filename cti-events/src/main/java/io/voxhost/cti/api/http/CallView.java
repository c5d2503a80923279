package io.voxhost.cti.api.http;

import io.voxhost.cti.service.CallLeg;
import io.voxhost.cti.service.CallRecord;
import io.voxhost.cti.service.CallTransfer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A call record as the API shows it. */
@Schema(description = "One call, however many call keys, legs and transfers it went through")
public record CallView(
    @Schema(description = "The call's id: stable, from its instance and smallest call key") UUID id,
    @Schema(description = "The source instance its events came from") String instance,
    @Schema(description = "Its smallest call key (an Asterisk linkedid)") String key,
    @Schema(description = "Every call key transfers and pickups joined into it") List<String> keys,
    @Schema(description = "open, complete, closed-by-sweep or unreadable") String state,
    @Schema(
            description =
                "answered, transferred, abandoned, voicemail, busy, failed or no-answer; null while"
                    + " open")
        String outcome,
    @Schema(description = "Its first event") Instant started,
    @Schema(description = "Its end, or null while open") Instant ended,
    @Schema(description = "The caller's number") String callerNumber,
    @Schema(
            description =
                "The caller's name: the caller-name role's when it found one, else the switch's")
        String callerName,
    @Schema(
            description =
                "Where the name came from: switch, or the caller-name role's source (directory,"
                    + " subscriber, platform, cache, a provider, none)")
        String callerNameSource,
    @Schema(description = "The number dialled") String callee,
    @Schema(description = "When a callee or agent first rang") Instant ringing,
    @Schema(description = "When a person (a callee, a queue's agent) answered") Instant answered,
    @Schema(description = "Who answered: the agent, the answering channel, or system")
        String answeredBy,
    @Schema(description = "The first queue it entered") String queue,
    @Schema(description = "When it entered that queue") Instant queueEntered,
    @Schema(description = "When it left the queue") Instant queueLeft,
    @Schema(
            description =
                "How it left the queue: connected, abandoned, timeout, key, empty, join-empty or"
                    + " exited")
        String queueResult,
    @Schema(description = "The agents offered the call, in order") List<String> agents,
    @Schema(description = "Times an agent rang and did not answer") int ringNoAnswers,
    @Schema(description = "The agents that rang and did not answer, once a time, in order")
        List<String> ringNoAnswerBy,
    @Schema(description = "Times it was put on hold") int holds,
    @Schema(description = "Milliseconds on hold, all holds") long holdMs,
    @Schema(description = "Its transfers, in order") List<TransferView> transfers,
    @Schema(description = "Whether someone picked it up from another phone") boolean pickedUp,
    @Schema(description = "Milliseconds from start (or queue entry) to answer or abandon")
        Long waitMs,
    @Schema(description = "Milliseconds from answer to end") Long talkMs,
    @Schema(description = "Milliseconds from start to end") Long durationMs,
    @Schema(description = "The recording's id, when one was made") String recording,
    @Schema(description = "Its channels") List<LegView> legs,
    @Schema(description = "Events it was built from") int events,
    @Schema(description = "Of them, events that arrived later than voxhost.cti.lateness")
        int lateEvents,
    @Schema(description = "Its newest event's time") Instant lastEventAt,
    @Schema(description = "Why it is unreadable, or null") String problem) {

  /** A transfer. */
  @Schema(description = "A transfer in a call")
  public record TransferView(
      @Schema(description = "blind, attended or queue") String kind,
      @Schema(description = "When") Instant at,
      @Schema(description = "The channel transferred, when the source said") String channel) {}

  /** A leg. */
  @Schema(description = "One channel of a call")
  public record LegView(
      @Schema(description = "The source's id of the channel (an Asterisk uniqueid)") String channel,
      @Schema(description = "Its name, such as PJSIP/200-00000002") String name,
      @Schema(description = "The party's number on it") String number,
      @Schema(description = "Its first event") Instant started,
      @Schema(description = "When it was answered") Instant answered,
      @Schema(description = "When it hung up") Instant ended,
      @Schema(description = "The hangup cause the source gave (Q.850)") Integer cause,
      @Schema(description = "The dial status the source gave: ANSWER, BUSY, NOANSWER, ...")
          String dialStatus) {}

  static CallView of(CallRecord r) {
    return new CallView(
        r.id(),
        r.instance(),
        r.key(),
        r.keys(),
        r.state().label(),
        r.outcome() == null ? null : r.outcome().label(),
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
        r.transfers().stream().map(CallView::transfer).toList(),
        r.pickedUp(),
        r.waitMillis(),
        r.talkMillis(),
        r.durationMillis(),
        r.recording(),
        r.legs().stream().map(CallView::leg).toList(),
        r.events(),
        r.lateEvents(),
        r.lastEventAt(),
        r.problem());
  }

  private static TransferView transfer(CallTransfer t) {
    return new TransferView(t.kind(), t.at(), t.channel());
  }

  private static LegView leg(CallLeg l) {
    return new LegView(
        l.channel(),
        l.name(),
        l.number(),
        l.started(),
        l.answered(),
        l.ended(),
        l.cause(),
        l.dialStatus());
  }
}
