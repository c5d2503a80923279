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

  /** 480: the address exists but nothing is registered for it now. */
  record Unavailable() implements RedirectOutcome {}

  /** 404: no subscriber and no binding by that name. */
  record UnknownUser() implements RedirectOutcome {}
}
