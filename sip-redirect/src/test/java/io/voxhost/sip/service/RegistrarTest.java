package io.voxhost.sip.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.sip.service.RegisterOutcome.Refused;
import io.voxhost.sip.service.RegisterOutcome.Registered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RegistrarTest {

  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
  private static final AddressOfRecord ALICE =
      new AddressOfRecord(
          UUID.fromString("00000000-0000-0000-0000-00000000000a"), "alice", "acme.example.com");

  private final Registrar registrar =
      new Registrar(new RegistrarPolicy(3600, 60, 7200, 3, ContactLimitPolicy.EVICT_OLDEST));
  private final BindingIndex store = new BindingIndex();

  private static ContactSpec contact(String host) {
    return new ContactSpec(
        "sip:alice@" + host, "sip:alice@" + host + ":5060", null, null, null, null);
  }

  private static ContactSpec contact(String host, Integer expires, Integer q) {
    return new ContactSpec(
        "sip:alice@" + host, "sip:alice@" + host + ":5060", expires, q, null, null);
  }

  private static RegisterRequest register(
      Instant at, String callId, long cseq, Integer expiresHeader, ContactSpec... contacts) {
    return new RegisterRequest(
        ALICE,
        false,
        List.of(contacts),
        expiresHeader,
        callId,
        cseq,
        "test",
        List.of(),
        "192.0.2.1:5060",
        "udp",
        at);
  }

  private RegisterOutcome apply(RegisterRequest request) {
    return store
        .update(ALICE, request.receivedAt(), live -> registrar.register(request, live))
        .outcome();
  }

  private List<Binding> bindings(RegisterOutcome outcome) {
    assertThat(outcome).isInstanceOf(Registered.class);
    return ((Registered) outcome).bindings();
  }

  @Test
  void takesExpiresFromTheContactThenTheHeaderThenTheDefault() {
    List<Binding> result =
        bindings(apply(register(T0, "c1", 1, 600, contact("a", 120, null), contact("b"))));
    assertThat(result)
        .extracting(b -> b.contactKey().substring(10, 11), b -> b.remainingSeconds(T0))
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("a", 120L),
            org.assertj.core.groups.Tuple.tuple("b", 600L));

    List<Binding> defaulted = bindings(apply(register(T0, "c2", 1, null, contact("c"))));
    assertThat(defaulted)
        .filteredOn(b -> b.contactUri().endsWith("@c"))
        .first()
        .extracting(b -> b.remainingSeconds(T0))
        .isEqualTo(3600L);
  }

  @Test
  void refusesTooShortIntervalsWith423AndClampsLongOnes() {
    RegisterOutcome brief = apply(register(T0, "c1", 1, 30, contact("a")));
    assertThat(brief).isEqualTo(new Refused(RegistrarFailure.INTERVAL_TOO_BRIEF, 60));
    assertThat(RegistrarFailure.INTERVAL_TOO_BRIEF.status()).isEqualTo(423);

    List<Binding> clamped = bindings(apply(register(T0, "c1", 2, 999_999, contact("a"))));
    assertThat(clamped.get(0).remainingSeconds(T0)).isEqualTo(7200);
  }

  @Test
  void zeroExpiresRemovesJustThatContact() {
    apply(register(T0, "c1", 1, 3600, contact("a"), contact("b")));
    List<Binding> left =
        bindings(apply(register(T0.plusSeconds(5), "c1", 2, null, contact("a", 0, null))));
    assertThat(left).extracting(Binding::contactUri).containsExactly("sip:alice@b");
  }

  @Test
  void wildcardWithExpiresZeroRemovesEverything() {
    apply(register(T0, "c1", 1, 3600, contact("a"), contact("b")));
    RegisterRequest star =
        new RegisterRequest(ALICE, true, List.of(), 0, "c9", 1, "t", List.of(), "x", "udp", T0);
    assertThat(bindings(apply(star))).isEmpty();
    assertThat(store.lookup(ALICE.key(), T0)).isEmpty();
  }

  @Test
  void wildcardOtherwiseIs400AndChangesNothing() {
    apply(register(T0, "c1", 1, 3600, contact("a")));
    RegisterRequest noExpires =
        new RegisterRequest(ALICE, true, List.of(), null, "c9", 1, "t", List.of(), "x", "udp", T0);
    RegisterRequest withContact =
        new RegisterRequest(
            ALICE, true, List.of(contact("b")), 0, "c9", 1, "t", List.of(), "x", "udp", T0);
    RegisterRequest nonZero =
        new RegisterRequest(ALICE, true, List.of(), 60, "c9", 1, "t", List.of(), "x", "udp", T0);
    for (RegisterRequest bad : List.of(noExpires, withContact, nonZero)) {
      assertThat(apply(bad)).isEqualTo(new Refused(RegistrarFailure.INVALID_WILDCARD, 60));
    }
    assertThat(store.lookup(ALICE.key(), T0)).hasSize(1);
  }

  @Test
  void sameCallIdWithLowerOrEqualCSeqIsRefusedWith500() {
    apply(register(T0, "c1", 5, 3600, contact("a")));
    assertThat(apply(register(T0, "c1", 5, 1800, contact("a"))))
        .isEqualTo(new Refused(RegistrarFailure.OUT_OF_ORDER, 60));
    assertThat(apply(register(T0, "c1", 4, 1800, contact("a")))).isInstanceOf(Refused.class);
    assertThat(store.lookup(ALICE.key(), T0).get(0).remainingSeconds(T0)).isEqualTo(3600);
    assertThat(
            bindings(apply(register(T0, "c1", 6, 1800, contact("a")))).get(0).remainingSeconds(T0))
        .isEqualTo(1800);
  }

  @Test
  void anotherCallIdMayRefreshWhateverItsCSeq() {
    apply(register(T0, "c1", 50, 3600, contact("a")));
    assertThat(bindings(apply(register(T0, "c2", 1, 900, contact("a")))))
        .singleElement()
        .extracting(Binding::callId)
        .isEqualTo("c2");
  }

  @Test
  void evictsTheLeastRecentlyRefreshedBeyondTheLimit() {
    for (int i = 0; i < 3; i++) {
      apply(register(T0.plusSeconds(i), "c" + i, 1, 3600, contact("h" + i)));
    }
    List<Binding> after =
        bindings(apply(register(T0.plusSeconds(10), "c9", 1, 3600, contact("h9"))));
    assertThat(after)
        .extracting(Binding::contactUri)
        .containsExactlyInAnyOrder("sip:alice@h1", "sip:alice@h2", "sip:alice@h9");
  }

  @Test
  void rejectPolicyRefusesBeyondTheLimitWith503() {
    Registrar strict =
        new Registrar(new RegistrarPolicy(3600, 60, 7200, 2, ContactLimitPolicy.REJECT));
    List<Binding> two =
        bindings(
            strict.register(register(T0, "c1", 1, 3600, contact("a"), contact("b")), List.of()));
    RegisterOutcome third = strict.register(register(T0, "c2", 1, 3600, contact("c")), two);
    assertThat(third).isEqualTo(new Refused(RegistrarFailure.TOO_MANY_CONTACTS, 60));
    assertThat(RegistrarFailure.TOO_MANY_CONTACTS.status()).isEqualTo(503);
  }

  @Test
  void sameInstanceReplacesRatherThanPilesUp() {
    ContactSpec before =
        new ContactSpec(
            "sip:alice@10.0.0.1", "sip:alice@10.0.0.1:5060", null, null, "<urn:uuid:1>", 1);
    ContactSpec after =
        new ContactSpec(
            "sip:alice@10.0.0.2", "sip:alice@10.0.0.2:5060", null, null, "<urn:uuid:1>", 1);
    apply(register(T0, "c1", 1, 3600, before));
    assertThat(bindings(apply(register(T0, "c2", 1, 3600, after))))
        .extracting(Binding::contactUri)
        .containsExactly("sip:alice@10.0.0.2");
  }

  @Test
  void aRequestWithoutContactIsAQueryOrderedByQ() {
    apply(
        register(
            T0,
            "c1",
            1,
            3600,
            contact("low", null, 100),
            contact("high", null, 900),
            contact("mid", null, 500)));
    assertThat(bindings(apply(register(T0, "c2", 1, null))))
        .extracting(Binding::qMillis)
        .containsExactly(900, 500, 100);
  }

  @Test
  void expiredBindingsAreNeitherReturnedNorCounted() {
    apply(register(T0, "c1", 1, 60, contact("a")));
    assertThat(store.lookup(ALICE.key(), T0.plusSeconds(59))).hasSize(1);
    assertThat(store.lookup(ALICE.key(), T0.plusSeconds(60))).isEmpty();
    assertThat(store.sweep(T0.plusSeconds(61))).isEqualTo(1);
    assertThat(store.size()).isZero();
  }

  @Test
  void repeatedContactInOneRequestKeepsOneBinding() {
    List<Binding> result =
        bindings(
            apply(register(T0, "c1", 1, 3600, contact("a", 120, null), contact("a", 300, null))));
    assertThat(result).singleElement().extracting(b -> b.remainingSeconds(T0)).isEqualTo(300L);
    List<Binding> more = new ArrayList<>(result);
    assertThat(more).hasSize(1);
  }
}
