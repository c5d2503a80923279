package io.voxhost.cti.service;

/**
 * What became of a batch of events once committed.
 *
 * @param accepted events stored now
 * @param duplicates events stored before (or twice in the batch): acknowledged, kept once
 */
public record Ingested(int accepted, int duplicates) {}
