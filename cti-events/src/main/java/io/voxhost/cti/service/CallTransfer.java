package io.voxhost.cti.service;

import java.time.Instant;

/**
 * A transfer in a call.
 *
 * @param kind {@code blind}, {@code attended} or {@code queue} (a transfer after which the call
 *     entered a queue)
 * @param at when
 * @param channel the channel that was transferred, when the source said
 */
public record CallTransfer(String kind, Instant at, String channel) {}
