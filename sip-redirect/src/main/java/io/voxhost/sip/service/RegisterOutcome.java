package io.voxhost.sip.service;

import java.util.List;

/** The registrar's answer to one REGISTER. */
public sealed interface RegisterOutcome {

  /** Applied (or a query): {@code bindings} is the AOR's complete, current set. */
  record Registered(List<Binding> bindings) implements RegisterOutcome {
    public Registered {
      bindings = List.copyOf(bindings);
    }
  }

  /** Refused; nothing changed. {@code minExpires} is set for 423. */
  record Refused(RegistrarFailure failure, int minExpires) implements RegisterOutcome {}
}
