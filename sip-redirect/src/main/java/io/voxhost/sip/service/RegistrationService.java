package io.voxhost.sip.service;

import io.voxhost.platform.database.DatabaseFailure;
import io.voxhost.platform.database.DatabaseOutages;
import io.voxhost.sip.SipConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

  /**
   * Runs REGISTERs for AORs of no tenant through the registrar and the store's write path, keeping
   * nothing ({@link LocationStore#rehearse}): a warm-up's way through the path. The AORs must
   * differ.
   */
  public List<RegisterOutcome> rehearse(List<RegisterRequest> requests) {
    if (requests.isEmpty()) {
      return List.of();
    }
    Map<AddressOfRecord, Function<List<Binding>, RegisterOutcome>> changes = new LinkedHashMap<>();
    for (RegisterRequest request : requests) {
      changes.put(request.aor(), live -> registrar.register(request, live));
    }
    return store.rehearse(changes, requests.get(0).receivedAt());
  }
}
