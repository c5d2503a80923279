package io.voxhost.cti.service;

/**
 * One event as a client wrote it, every field as text (a number or an object too): {@link
 * EventRules} says whether it is an event and what is wrong with it if not.
 */
public record EventInput(
    String source,
    String instance,
    String id,
    String seq,
    String at,
    String type,
    String call,
    String channel,
    String peer,
    String queue,
    String agent,
    String number,
    String name,
    String dialled,
    String data) {}
