package io.voxhost.sip.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The redirect server's decision for a request to an address-of-record. */
@ApplicationScoped
public class Redirector {

  private final LocationStore store;

  Redirector(LocationStore store) {
    this.store = store;
  }

  public RedirectOutcome redirect(AddressOfRecord target, Instant now) {
    List<Binding> bindings = store.lookup(target, now);
    return bindings.isEmpty()
        ? new RedirectOutcome.Unavailable()
        : new RedirectOutcome.Moved(bindings);
  }
}
