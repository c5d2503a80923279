package io.voxhost.sip.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The redirect server's decision for a request to an address-of-record. */
@ApplicationScoped
public class Redirector {

  private final LocationStore store;
  private final SubscriberDirectory subscribers;
  private final DialPlan plan;

  Redirector(LocationStore store, SubscriberDirectory subscribers, DialPlan plan) {
    this.store = store;
    this.subscribers = subscribers;
    this.plan = plan;
  }

  /**
   * The tenant's dial plan comes first; then live bindings; without them a known subscriber is
   * unavailable and anyone else unknown. (A tenant without REGISTER authentication may have
   * bindings for users it never created.)
   */
  public RedirectOutcome redirect(AddressOfRecord target, Instant now) {
    Optional<String> routed = plan.route(target.tenantId(), target.user());
    if (routed.isPresent()) {
      return new RedirectOutcome.Routed(routed.get());
    }
    List<Binding> bindings = store.lookup(target, now);
    if (!bindings.isEmpty()) {
      return new RedirectOutcome.Moved(bindings);
    }
    return subscribers.find(target.tenantId(), target.user()).isPresent()
        ? new RedirectOutcome.Refused(RedirectFailure.UNAVAILABLE)
        : new RedirectOutcome.Refused(RedirectFailure.UNKNOWN_USER);
  }
}
