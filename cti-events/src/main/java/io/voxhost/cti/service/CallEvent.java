package io.voxhost.cti.service;

import java.time.Instant;

/**
 * One event of a call, normalised and checked (cti-design.md, section 2): whatever the source, this
 * is what is stored and what call records are built from.
 *
 * @param source the kind of source ({@code asterisk-cel}, {@code freeswitch}, ...)
 * @param instance which one of them (a system name, a FreeSWITCH Core-UUID)
 * @param id the event's identity within source and instance: the idempotency key
 * @param seq its order within the instance, when the source has one; null otherwise
 * @param at when it happened (microseconds)
 * @param type what happened
 * @param call the source's call key (Asterisk linkedid, FreeSWITCH call UUID)
 * @param channel the leg (Asterisk uniqueid), or null
 * @param peer the other leg an event links (bridge, transfer, pickup), or null
 * @param queue the queue of a queue event, or null
 * @param agent the agent of a queue or agent event, or null
 * @param number the caller's number, or null
 * @param name the caller's name as the source gave it, or null
 * @param dialled the number dialled, or null
 * @param data what else the source said, as a JSON object's text (at most 4 KB), or null
 */
public record CallEvent(
    String source,
    String instance,
    String id,
    Long seq,
    Instant at,
    EventType type,
    String call,
    String channel,
    String peer,
    String queue,
    String agent,
    String number,
    String name,
    String dialled,
    String data) {}
