package io.voxhost.sip.service;

/** What a CSV import wrote (a rejected one throws {@code ImportRejected} instead). */
public sealed interface ImportOutcome {

  record Imported(int created, int updated) implements ImportOutcome {}
}
