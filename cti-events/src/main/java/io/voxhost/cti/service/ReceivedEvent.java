package io.voxhost.cti.service;

import java.time.Instant;

/**
 * A stored event and when this node took it: what a call is built from.
 *
 * @param event the event
 * @param received when it was written (the order of arrival, for counting late events)
 */
public record ReceivedEvent(CallEvent event, Instant received) {}
