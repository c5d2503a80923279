package io.voxhost.cti.service;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What happened, in our words; every source's events are told in these (cti-design.md, 2). */
public enum EventType {
  CHANNEL_START("channel-start"),
  RING("ring"),
  ANSWER("answer"),
  HOLD("hold"),
  UNHOLD("unhold"),
  BRIDGE_ENTER("bridge-enter"),
  BRIDGE_EXIT("bridge-exit"),
  TRANSFER_BLIND("transfer-blind"),
  TRANSFER_ATTENDED("transfer-attended"),
  PICKUP("pickup"),
  FORWARD("forward"),
  HANGUP("hangup"),
  CHANNEL_END("channel-end"),
  CALL_END("call-end"),
  QUEUE_ENTER("queue-enter"),
  QUEUE_OFFER("queue-offer"),
  QUEUE_RING_NO_ANSWER("queue-ring-no-answer"),
  QUEUE_CONNECT("queue-connect"),
  QUEUE_COMPLETE("queue-complete"),
  QUEUE_ABANDON("queue-abandon"),
  QUEUE_EXIT("queue-exit"),
  AGENT_LOGIN("agent-login"),
  AGENT_LOGOFF("agent-logoff"),
  AGENT_PAUSE("agent-pause"),
  AGENT_UNPAUSE("agent-unpause"),
  REDIRECT("redirect"),
  REGISTRATION("registration"),
  RECORDING_START("recording-start"),
  RECORDING_END("recording-end"),
  PROVISIONING_FETCH("provisioning-fetch"),
  NOTE("note");

  private static final Map<String, EventType> BY_LABEL =
      Arrays.stream(values()).collect(Collectors.toMap(EventType::label, Function.identity()));

  private final String label;

  EventType(String label) {
    this.label = label;
  }

  /** How the type is written in events and stored. */
  public String label() {
    return label;
  }

  public static Optional<EventType> of(String label) {
    return Optional.ofNullable(label == null ? null : BY_LABEL.get(label));
  }
}
