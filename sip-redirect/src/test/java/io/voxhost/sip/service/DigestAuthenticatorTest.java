package io.voxhost.sip.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.sip.service.DigestAuthenticator.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Nonces across nodes and sources: two authenticators sharing the nonce secret are two nodes, as in
 * a cluster where each node reads the same secret from the database.
 */
class DigestAuthenticatorTest {

  private static final String REALM = "acme.sip.test";
  private static final String PHONE = "127.0.0.1";
  private static final String PASSWORD = "correct-horse-1";
  private static final byte[] SECRET = "a shared secret of 32 bytes long".getBytes();
  private static final Instant NOW = Instant.parse("2026-12-06T03:00:00Z");

  private final DigestAuthenticator nodeA =
      new DigestAuthenticator(SECRET, Duration.ofMinutes(5), 1000);
  private final DigestAuthenticator nodeB =
      new DigestAuthenticator(SECRET, Duration.ofMinutes(5), 1000);
  private final Optional<Subscriber> alice = Optional.of(subscriber("alice", PASSWORD));

  private static Subscriber subscriber(String user, String password) {
    return new Subscriber(
        UUID.randomUUID(),
        user,
        user,
        REALM,
        DigestAlgorithm.MD5.ha1(user, REALM, password),
        DigestAlgorithm.SHA_256.ha1(user, REALM, password),
        NOW,
        NOW);
  }

  /** The phone's answer to {@code nonce}, as a phone computes it. */
  private static DigestCredentials answer(String nonce, String password, int nc) {
    String count = String.format("%08x", nc);
    String uri = "sip:" + REALM;
    String response =
        DigestAuthenticator.expectedResponse(
            DigestAlgorithm.MD5,
            DigestAlgorithm.MD5.ha1("alice", REALM, password),
            nonce,
            count,
            "c0ffee",
            "auth",
            "REGISTER",
            uri);
    return new DigestCredentials(
        "alice", REALM, nonce, uri, response, "MD5", "auth", count, "c0ffee");
  }

  @Test
  void anAnswerAcceptedOnOneNodeIsNotAcceptedAgainOnAnother() {
    String nonce = nodeA.nonce(REALM, PHONE, NOW);
    DigestCredentials sniffed = answer(nonce, PASSWORD, 1);
    assertThat(nodeA.verify(sniffed, alice, "REGISTER", REALM, PHONE, NOW))
        .isEqualTo(Verdict.ACCEPTED);
    assertThat(nodeA.verify(sniffed, alice, "REGISTER", REALM, PHONE, NOW))
        .isEqualTo(Verdict.REPLAYED);
    // Replayed to node B, which never saw its nonce-count: a fresh challenge, not a binding.
    assertThat(nodeB.verify(sniffed, alice, "REGISTER", REALM, PHONE, NOW.plusSeconds(1)))
        .isEqualTo(Verdict.STALE);
    // The phone answers B's challenge, and B accepts that once.
    String fresh = nodeB.nonce(REALM, PHONE, NOW.plusSeconds(1));
    DigestCredentials phonesAnswer = answer(fresh, PASSWORD, 1);
    assertThat(nodeB.verify(phonesAnswer, alice, "REGISTER", REALM, PHONE, NOW.plusSeconds(1)))
        .isEqualTo(Verdict.ACCEPTED);
    assertThat(nodeB.verify(phonesAnswer, alice, "REGISTER", REALM, PHONE, NOW.plusSeconds(2)))
        .isEqualTo(Verdict.REPLAYED);
  }

  @Test
  void aWrongAnswerToAValidNonceIsAGuessWhereverItLands() {
    String nonce = nodeA.nonce(REALM, PHONE, NOW);
    assertThat(nodeA.verify(answer(nonce, "wrong-1", 1), alice, "REGISTER", REALM, PHONE, NOW))
        .isEqualTo(Verdict.REJECTED);
    assertThat(nodeB.verify(answer(nonce, "wrong-2", 2), alice, "REGISTER", REALM, PHONE, NOW))
        .isEqualTo(Verdict.REJECTED);
    assertThat(
            nodeA.verify(
                answer(nonce, PASSWORD, 3), Optional.empty(), "REGISTER", REALM, PHONE, NOW))
        .as("an unknown user counts like a wrong password")
        .isEqualTo(Verdict.REJECTED);
  }

  @Test
  void anAnswerThatProvesNothingIsNotCounted() {
    String nonce = nodeA.nonce(REALM, PHONE, NOW);
    // From another address than the challenge went to: anyone can send that over UDP.
    assertThat(
            nodeA.verify(answer(nonce, "wrong-1", 1), alice, "REGISTER", REALM, "127.0.0.9", NOW))
        .isEqualTo(Verdict.UNVERIFIED);
    // A nonce for another realm, a forged one, one from a node without the secret.
    assertThat(
            nodeA.verify(
                answer(nodeA.nonce("other.test", PHONE, NOW), "wrong-1", 1),
                alice,
                "REGISTER",
                REALM,
                PHONE,
                NOW))
        .isEqualTo(Verdict.UNVERIFIED);
    String foreign =
        new DigestAuthenticator(
                "another secret, 32 bytes long...".getBytes(), Duration.ofMinutes(5), 10)
            .nonce(REALM, PHONE, NOW);
    assertThat(nodeA.verify(answer(foreign, "wrong-1", 1), alice, "REGISTER", REALM, PHONE, NOW))
        .isEqualTo(Verdict.UNVERIFIED);
    // An expired nonce: stale when answered right, nothing when answered wrong.
    Instant late = NOW.plus(Duration.ofMinutes(6));
    assertThat(nodeA.verify(answer(nonce, PASSWORD, 1), alice, "REGISTER", REALM, PHONE, late))
        .isEqualTo(Verdict.STALE);
    assertThat(nodeA.verify(answer(nonce, "wrong-1", 2), alice, "REGISTER", REALM, PHONE, late))
        .isEqualTo(Verdict.UNVERIFIED);
  }
}
