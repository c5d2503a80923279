package io.voxhost.cti.service;

import java.time.Instant;

/**
 * One channel of a call.
 *
 * @param channel the source's id of it (Asterisk uniqueid)
 * @param name its name (Asterisk {@code PJSIP/200-00000002}), or null
 * @param number the party's number on it, or null
 * @param started its first event
 * @param answered when it was answered, or null
 * @param ended when it hung up, or null
 * @param cause the hangup cause the source gave (Q.850 for Asterisk), or null
 * @param dialStatus the dial status the source gave ({@code ANSWER}, {@code BUSY}, ...), or null
 */
public record CallLeg(
    String channel,
    String name,
    String number,
    Instant started,
    Instant answered,
    Instant ended,
    Integer cause,
    String dialStatus) {}
