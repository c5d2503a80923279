package io.voxhost.sip.service;

import java.util.List;

/** Where an out-of-dialog request should go instead. */
public sealed interface RedirectOutcome {

  /** 302 Moved Temporarily to these contacts, best first. */
  record Moved(List<Binding> contacts) implements RedirectOutcome {
    public Moved {
      contacts = List.copyOf(contacts);
    }
  }

  /** 302 to the target of the tenant's first matching dial-plan rule. */
  record Routed(String target) implements RedirectOutcome {}

  /**
   * Not redirected: {@link RedirectFailure#UNAVAILABLE} or {@link RedirectFailure#UNKNOWN_USER}.
   */
  record Refused(RedirectFailure failure) implements RedirectOutcome {}
}
