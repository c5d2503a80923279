package io.voxhost.cti.service;

/** Agents' time, replayed from their events (cti.md, "Agents"). */
public interface AgentStore {

  /**
   * Claims up to {@code limit} marks of agents whose events came and replays each of those agents
   * from the bucket of its last change before the first new event, reading at most {@code
   * maxEvents} of its events (the rest on a later run). One transaction.
   *
   * @return the marks claimed
   */
  int replayMarked(int limit, int maxEvents);
}
