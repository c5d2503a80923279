package io.voxhost.sip.service;

import java.util.concurrent.CompletionStage;

/**
 * A change to an AOR's bindings, applied in memory: its outcome at once, and a stage that completes
 * when it is durable (at once for a refusal or a query), or exceptionally if it could not be
 * stored.
 */
public record StagedChange(RegisterOutcome outcome, CompletionStage<Void> durable) {}
