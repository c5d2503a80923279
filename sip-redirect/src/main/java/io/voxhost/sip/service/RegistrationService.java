package io.voxhost.sip.service;

import io.voxhost.sip.SipConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Applies REGISTERs to the location store under the configured registrar policy. */
@ApplicationScoped
public class RegistrationService {

  private final LocationStore store;
  private final Registrar registrar;

  RegistrationService(LocationStore store, SipConfig config) {
    this.store = store;
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

  /** The outcome at once, and when the new bindings are durable. */
  public StagedChange register(RegisterRequest request) {
    return store.update(
        request.aor(), request.receivedAt(), live -> registrar.register(request, live));
  }
}
