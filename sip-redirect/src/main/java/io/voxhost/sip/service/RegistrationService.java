package io.voxhost.sip.service;

import io.voxhost.platform.database.DatabaseFailure;
import io.voxhost.platform.database.DatabaseOutages;
import io.voxhost.sip.SipConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Applies REGISTERs to the location store under the configured registrar policy. */
@ApplicationScoped
public class RegistrationService {

  private final LocationStore store;
  private final Registrar registrar;
  private final DatabaseOutages outages;

  RegistrationService(LocationStore store, SipConfig config, DatabaseOutages outages) {
    this.store = store;
    this.outages = outages;
    SipConfig.Registrar r = config.registrar();
    this.registrar =
        new Registrar(
            new RegistrarPolicy(
                r.defaultExpires(),
                r.minExpires(),
                r.maxExpires(),
                r.maxContacts(),
                r.contactLimitPolicy()));
  }

  /**
   * The outcome at once, and when the new bindings are durable; a REGISTER the database's absence
   * kept from being stored is counted.
   */
  public StagedChange register(RegisterRequest request) {
    StagedChange change =
        store.update(
            request.aor(), request.receivedAt(), live -> registrar.register(request, live));
    change
        .durable()
        .whenComplete(
            (done, failure) -> {
              if (failure != null && DatabaseFailure.isOutage(failure)) {
                outages.refused("sip", "register"); // the journal tells an outage it met itself
              }
            });
    return change;
  }
}
