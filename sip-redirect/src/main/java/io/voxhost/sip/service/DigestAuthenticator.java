package io.voxhost.sip.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Digest authentication of SIP requests (RFC 3261 section 22, RFC 7616, RFC 8760) with stateless
 * nonces: a nonce is its issue time, eight random bytes and an HMAC over both and the realm, so any
 * node holding the shared secret can check it without having issued it. Only the nonce-counts seen
 * are remembered, to refuse replays.
 */
public final class DigestAuthenticator {

  /** What became of one Authorization header. */
  public enum Verdict {
    /** Right credentials, fresh nonce, new nonce-count. */
    ACCEPTED,
    /** Right credentials on an expired nonce: challenge again with {@code stale=true}. */
    STALE,
    /** A nonce-count already used with this nonce. */
    REPLAYED,
    /** Wrong password, unknown user, foreign or forged nonce, or a malformed header. */
    REJECTED
  }

  private static final Pattern NONCE_COUNT = Pattern.compile("[0-9a-fA-F]{8}");
  private static final int RANDOM_BYTES = 8;
  private static final int MAC_BYTES = 16;
  private static final int NONCE_BYTES = Long.BYTES + RANDOM_BYTES + MAC_BYTES;

  private final SecretKeySpec key;
  private final Duration nonceTtl;
  private final SecureRandom random = new SecureRandom();
  private final Cache<String, AtomicLong> highestCount;

  public DigestAuthenticator(byte[] secret, Duration nonceTtl, long maxTrackedNonces) {
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.nonceTtl = nonceTtl;
    this.highestCount =
        Caffeine.newBuilder()
            .maximumSize(maxTrackedNonces)
            .expireAfterWrite(nonceTtl.plusMinutes(1))
            .build();
  }

  /** A new nonce for {@code realm}. */
  public String nonce(String realm, Instant now) {
    byte[] randomPart = new byte[RANDOM_BYTES];
    random.nextBytes(randomPart);
    ByteBuffer buf = ByteBuffer.allocate(NONCE_BYTES);
    buf.putLong(now.toEpochMilli()).put(randomPart).put(mac(now.toEpochMilli(), randomPart, realm));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
  }

  /**
   * Checks credentials sent for {@code method} against the subscriber (empty when the user is
   * unknown, which is rejected exactly like a wrong password).
   */
  public Verdict verify(
      DigestCredentials c,
      Optional<Subscriber> subscriber,
      String method,
      String realm,
      Instant now) {
    if (subscriber.isEmpty()
        || c.realm() == null
        || !c.realm().equalsIgnoreCase(realm)
        || !subscriber.get().realm().equalsIgnoreCase(realm)
        || !"auth".equalsIgnoreCase(c.qop())
        || c.nonceCount() == null
        || !NONCE_COUNT.matcher(c.nonceCount()).matches()
        || c.cnonce() == null
        || c.cnonce().isEmpty()
        || c.uri() == null
        || c.response() == null
        || c.nonce() == null) {
      return Verdict.REJECTED;
    }
    Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromToken(c.algorithm());
    Optional<Long> issuedAt = issuedAt(c.nonce(), realm);
    if (algorithm.isEmpty() || issuedAt.isEmpty()) {
      return Verdict.REJECTED;
    }
    String expected =
        expectedResponse(
            algorithm.get(),
            subscriber.get().ha1(algorithm.get()),
            c.nonce(),
            c.nonceCount(),
            c.cnonce(),
            c.qop(),
            method,
            c.uri());
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        c.response().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
      return Verdict.REJECTED;
    }
    long age = now.toEpochMilli() - issuedAt.get();
    if (age > nonceTtl.toMillis() || age < -nonceTtl.toMillis()) {
      return Verdict.STALE;
    }
    long count = Long.parseLong(c.nonceCount(), 16);
    AtomicLong highest = highestCount.get(c.nonce(), k -> new AtomicLong());
    long seen = highest.getAndAccumulate(count, Math::max);
    return count > seen ? Verdict.ACCEPTED : Verdict.REPLAYED;
  }

  /** The response of RFC 7616 section 3.4.1 for qop=auth. */
  static String expectedResponse(
      DigestAlgorithm h,
      String ha1,
      String nonce,
      String nonceCount,
      String cnonce,
      String qop,
      String method,
      String uri) {
    String ha2 = h.hash(method + ":" + uri);
    return h.hash(String.join(":", ha1, nonce, nonceCount, cnonce, qop, ha2));
  }

  /** When the nonce was issued, if it is ours and for this realm. */
  private Optional<Long> issuedAt(String nonce, String realm) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(nonce);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (raw.length != NONCE_BYTES) {
      return Optional.empty();
    }
    ByteBuffer buf = ByteBuffer.wrap(raw);
    long issued = buf.getLong();
    byte[] randomPart = new byte[RANDOM_BYTES];
    buf.get(randomPart);
    byte[] mac = Arrays.copyOfRange(raw, Long.BYTES + RANDOM_BYTES, NONCE_BYTES);
    return MessageDigest.isEqual(mac, mac(issued, randomPart, realm))
        ? Optional.of(issued)
        : Optional.empty();
  }

  private byte[] mac(long issued, byte[] randomPart, String realm) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(key);
      hmac.update(ByteBuffer.allocate(Long.BYTES).putLong(issued).array());
      hmac.update(randomPart);
      hmac.update(realm.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(hmac.doFinal(), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
