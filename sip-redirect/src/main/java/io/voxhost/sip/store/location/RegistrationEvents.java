package io.voxhost.sip.store.location;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxhost.platform.outbox.OutboxEvent;
import io.voxhost.sip.service.AddressOfRecord;
import io.voxhost.sip.service.Binding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The registration changes of a batch of binding writes, as outbox events ({@code
 * sip.registration}): a contact bound that was not before ({@code registered}), one removed or
 * replaced ({@code unregistered}), and every contact of an address removed at once ({@code
 * unregistered-all}). A refresh of a bound contact changes nothing and is not told.
 */
final class RegistrationEvents {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RegistrationEvents() {}

  static List<OutboxEvent> of(List<BindingJournal.Entry> batch) {
    List<OutboxEvent> events = new ArrayList<>();
    Instant now = Instant.now();
    for (BindingJournal.Entry e : batch) {
      if (e.deleteAll()) {
        events.add(event(e.aor(), "unregistered-all", null, now));
      }
      for (Binding b : e.deletes()) {
        events.add(event(e.aor(), "unregistered", b, now));
      }
      for (Binding b : e.upserts()) {
        if (e.added().contains(b.contactKey())) {
          events.add(event(e.aor(), "registered", b, b.updatedAt() != null ? b.updatedAt() : now));
        }
      }
    }
    return events;
  }

  /** Bindings deleted because they expired unrefreshed: each one's expiry, at its time. */
  static List<OutboxEvent> expired(List<Binding> gone) {
    List<OutboxEvent> events = new ArrayList<>();
    for (Binding b : gone) {
      events.add(event(b.aor(), "expired", b, b.expiresAt()));
    }
    return events;
  }

  private static OutboxEvent event(AddressOfRecord aor, String change, Binding b, Instant at) {
    String address = aor.user() + "@" + aor.domain();
    ObjectNode body = JSON.createObjectNode();
    body.put("aor", address);
    body.put("change", change);
    if (b != null) {
      body.put("contact", b.contactUri());
      body.put("expires", b.expiresAt().toString());
      body.put("userAgent", b.userAgent());
    }
    String text = body.toString();
    if (text.length() > OutboxEvent.MAX_BODY) {
      // A contact or user agent of kilobytes: the change is told without them.
      text = JSON.createObjectNode().put("aor", address).put("change", change).toString();
    }
    return new OutboxEvent(aor.tenantId(), "sip.registration", at, address, text);
  }
}
