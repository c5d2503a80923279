package io.voxhost.bench.anchor;

/**
 * The shape of a caller-name answer, {@code {"number","name","source","cached","ageSeconds"}};
 * {@code ageSeconds} is null for a directory answer and is written as null, as the node does.
 */
public record LookupAnswer(
    String number, String name, String source, boolean cached, Long ageSeconds) {}
