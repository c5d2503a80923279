package io.voxhost.sip.service;

import io.voxhost.sip.service.RegisterOutcome.Refused;
import io.voxhost.sip.service.RegisterOutcome.Registered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The registrar of RFC 3261 section 10.3: given a REGISTER and the AOR's live bindings, the new set
 * of bindings or the reason to refuse. Pure: no I/O, no clock, no SIP stack.
 */
public final class Registrar {

  /** Best first: highest q, then the most recently refreshed. */
  public static final Comparator<Binding> PREFERENCE =
      Comparator.comparingInt(Binding::qMillis)
          .reversed()
          .thenComparing(Binding::updatedAt, Comparator.reverseOrder())
          .thenComparing(Binding::contactKey);

  private final RegistrarPolicy policy;

  public Registrar(RegistrarPolicy policy) {
    this.policy = policy;
  }

  public RegistrarPolicy policy() {
    return policy;
  }

  /**
   * @param request the REGISTER
   * @param current the AOR's bindings that are live at {@code request.receivedAt()}
   */
  public RegisterOutcome register(RegisterRequest request, List<Binding> current) {
    Instant now = request.receivedAt();
    if (request.wildcard()) {
      return removeAll(request, current);
    }
    if (request.contacts().isEmpty()) {
      return new Registered(sorted(current));
    }
    List<Binding> working = new ArrayList<>(current);
    // Contacts this very request bound: a repeat of one replaces it without the CSeq rule.
    Set<Binding> addedNow = Collections.newSetFromMap(new IdentityHashMap<>());
    for (ContactSpec contact : request.contacts()) {
      Integer requested = contact.expires() != null ? contact.expires() : request.expiresHeader();
      int expires = requested != null ? requested : policy.defaultExpires();
      if (expires < 0) {
        return refuse(RegistrarFailure.INVALID_EXPIRES);
      }
      if (expires > 0 && expires < policy.minExpires()) {
        return refuse(RegistrarFailure.INTERVAL_TOO_BRIEF);
      }
      expires = Math.min(expires, policy.maxExpires());

      Binding existing = null;
      for (Binding binding : working) {
        if (binding.sameDeviceAs(contact)) {
          existing = binding;
          break;
        }
      }
      if (existing != null) {
        boolean sameRequest = addedNow.contains(existing);
        if (!sameRequest
            && existing.callId().equals(request.callId())
            && request.cseq() <= existing.cseq()) {
          return refuse(RegistrarFailure.OUT_OF_ORDER);
        }
        working.remove(existing);
        addedNow.remove(existing);
      }
      if (expires > 0) {
        Binding fresh = bind(request, contact, now.plusSeconds(expires), existing);
        working.add(fresh);
        addedNow.add(fresh);
      }
    }
    if (working.size() > policy.maxContacts()) {
      if (policy.contactLimitPolicy() == ContactLimitPolicy.REJECT) {
        return refuse(RegistrarFailure.TOO_MANY_CONTACTS);
      }
      working.sort(Comparator.comparing(Binding::updatedAt).thenComparing(Binding::contactKey));
      while (working.size() > policy.maxContacts()) {
        working.remove(0);
      }
    }
    return new Registered(sorted(working));
  }

  /** {@code Contact: *} with {@code Expires: 0} and nothing else removes every binding. */
  private RegisterOutcome removeAll(RegisterRequest request, List<Binding> current) {
    if (!request.contacts().isEmpty()
        || request.expiresHeader() == null
        || request.expiresHeader() != 0) {
      return refuse(RegistrarFailure.INVALID_WILDCARD);
    }
    for (Binding binding : current) {
      if (binding.callId().equals(request.callId()) && request.cseq() <= binding.cseq()) {
        return refuse(RegistrarFailure.OUT_OF_ORDER);
      }
    }
    return new Registered(List.of());
  }

  private Refused refuse(RegistrarFailure failure) {
    return new Refused(failure, policy.minExpires());
  }

  /**
   * A refresh keeps the strings of the binding it replaces where they are equal, so that the newly
   * parsed ones die young: bindings live in the old generation, and each refresh would otherwise
   * move a full set of strings there.
   */
  private static Binding bind(
      RegisterRequest request, ContactSpec contact, Instant expiresAt, Binding previous) {
    int q = contact.qMillis() == null ? 1000 : contact.qMillis();
    boolean refresh = previous != null;
    return new Binding(
        refresh && previous.aor().equals(request.aor()) ? previous.aor() : request.aor(),
        refresh ? same(previous.contactUri(), contact.uri()) : contact.uri(),
        refresh ? same(previous.contactKey(), contact.key()) : contact.key(),
        q,
        expiresAt,
        refresh ? same(previous.callId(), request.callId()) : request.callId(),
        request.cseq(),
        refresh ? same(previous.userAgent(), request.userAgent()) : request.userAgent(),
        refresh && previous.path().equals(request.path()) ? previous.path() : request.path(),
        refresh ? same(previous.instanceId(), contact.instanceId()) : contact.instanceId(),
        contact.regId(),
        refresh ? same(previous.source(), request.source()) : request.source(),
        refresh ? same(previous.transport(), request.transport()) : request.transport(),
        request.receivedAt());
  }

  private static <T> T same(T kept, T fresh) {
    return kept != null && kept.equals(fresh) ? kept : fresh;
  }

  private static List<Binding> sorted(List<Binding> bindings) {
    List<Binding> copy = new ArrayList<>(bindings);
    copy.sort(PREFERENCE);
    return copy;
  }
}
