package io.voxhost.cti.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One call, however many call keys, legs and transfers it went through: what its events, all of
 * them, say (cti-design.md, section 4). Times are null when no event told them.
 *
 * @param id the call's id: stable, from its instance and smallest call key
 * @param instance the source instance its events came from
 * @param key its smallest call key (Asterisk linkedid)
 * @param keys every call key joined into it (transfers and pickups join keys)
 * @param state open, complete, closed by the sweep, or unreadable
 * @param outcome how it ended; null while open
 * @param started its first event
 * @param ended its last end; null while open
 * @param callerNumber the caller's number
 * @param callerName the caller's name: the caller-name role's when it found one, else the source's
 * @param callerNameSource where that name came from: {@code switch} (the source's events), or the
 *     caller-name role's source ({@code directory}, {@code subscriber}, a provider, {@code none})
 * @param callee the number dialled
 * @param ringing when a callee or agent first rang
 * @param answered when a person (a callee leg, a queue's agent) answered
 * @param answeredBy who answered: the agent, or the answering leg's name
 * @param queue the first queue it entered
 * @param queueEntered when it entered that queue
 * @param queueLeft when it left it (connected, abandoned, timed out)
 * @param queueResult how it left: connected, abandoned, timeout, key, empty, join-empty, exited
 * @param agents the agents offered the call, in order
 * @param ringNoAnswers how many times an agent rang and did not answer
 * @param missedBy the agents that rang and did not answer, once a time, in order
 * @param holds how many times it was put on hold
 * @param holdMillis how long it was on hold, all holds
 * @param transfers its transfers, in order
 * @param pickedUp whether someone picked it up from another phone
 * @param waitMillis from start (or queue entry) to answer, or to abandoning
 * @param talkMillis from answer to end
 * @param durationMillis from start to end
 * @param recording the recording's id, when one was made
 * @param legs its channels
 * @param events how many events it was built from
 * @param lateEvents how many of them arrived later than the lateness window
 * @param lastEventAt its newest event's time
 * @param lastReceived when its newest event arrived
 * @param problem why it is unreadable, or null
 */
public record CallRecord(
    UUID id,
    String instance,
    String key,
    List<String> keys,
    CallState state,
    CallOutcome outcome,
    Instant started,
    Instant ended,
    String callerNumber,
    String callerName,
    String callerNameSource,
    String callee,
    Instant ringing,
    Instant answered,
    String answeredBy,
    String queue,
    Instant queueEntered,
    Instant queueLeft,
    String queueResult,
    List<String> agents,
    int ringNoAnswers,
    List<String> missedBy,
    int holds,
    long holdMillis,
    List<CallTransfer> transfers,
    boolean pickedUp,
    Long waitMillis,
    Long talkMillis,
    Long durationMillis,
    String recording,
    List<CallLeg> legs,
    int events,
    int lateEvents,
    Instant lastEventAt,
    Instant lastReceived,
    String problem) {}
