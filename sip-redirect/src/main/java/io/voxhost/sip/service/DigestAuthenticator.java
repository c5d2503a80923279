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
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Digest authentication of SIP requests (RFC 3261 section 22, RFC 7616, RFC 8760) with stateless
 * nonces: a nonce is its issue time, the id of the node (this instance) that issued it, eight
 * random bytes and an HMAC over these, the realm and the address the challenge went to, so any node
 * holding the shared secret can tell its own nonces and the platform's from forged ones without a
 * table.
 *
 * <p>Only the nonce-counts seen are remembered, to refuse replays, and only by the issuing node: a
 * node answers a nonce another node (or this one before a restart) issued with a fresh challenge
 * ({@code stale=true}) instead of accepting it, since it cannot know which nonce-counts were used
 * there. A REGISTER captured on the wire therefore cannot be replayed to another node; the cost is
 * one more round trip for a phone whose next REGISTER lands on another node.
 */
public final class DigestAuthenticator {

  /** What became of one Authorization header. */
  public enum Verdict {
    /** Right credentials, fresh nonce issued by this node, new nonce-count. */
    ACCEPTED,
    /**
     * Right credentials on an expired nonce or on one another node issued: challenge again with
     * {@code stale=true}.
     */
    STALE,
    /** A nonce-count already used with this nonce. */
    REPLAYED,
    /**
     * A wrong answer (or an unknown user) to a nonce the platform issued to this source and that is
     * still valid: the one verdict that is a guess worth counting.
     */
    REJECTED,
    /**
     * Nothing to count: a nonce not issued by the platform to this source (forged, another realm's,
     * or sent from another address), an expired one answered wrongly, or a malformed header.
     * Challenge again; anyone on the path can send these, so they must not cost the subscriber
     * anything.
     */
    UNVERIFIED
  }

  private static final Pattern NONCE_COUNT = Pattern.compile("[0-9a-fA-F]{8}");
  private static final int NODE_BYTES = Integer.BYTES;
  private static final int RANDOM_BYTES = 8;
  private static final int MAC_BYTES = 16;
  private static final int SIGNED_BYTES = Long.BYTES + NODE_BYTES + RANDOM_BYTES;
  private static final int NONCE_BYTES = SIGNED_BYTES + MAC_BYTES;

  private final SecretKeySpec key;
  private final Duration nonceTtl;
  private final SecureRandom random = new SecureRandom();
  private final int node = random.nextInt();
  private final Cache<String, AtomicLong> highestCount;

  /**
   * @param secret the nonce secret every node shares
   * @param maxTrackedNonces the nonces whose counts are remembered at most; beyond it the least
   *     recent are forgotten, and an answer to a forgotten nonce gets a fresh challenge
   */
  public DigestAuthenticator(byte[] secret, Duration nonceTtl, long maxTrackedNonces) {
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.nonceTtl = nonceTtl;
    this.highestCount =
        Caffeine.newBuilder()
            .maximumSize(maxTrackedNonces)
            .expireAfterWrite(nonceTtl.plusMinutes(1))
            .build();
  }

  /** A new nonce for {@code realm}, not bound to a source address. */
  public String nonce(String realm, Instant now) {
    return nonce(realm, "", now);
  }

  /** A new nonce for {@code realm}, good only for answers from {@code source}. */
  public String nonce(String realm, String source, Instant now) {
    byte[] signed =
        ByteBuffer.allocate(SIGNED_BYTES)
            .putLong(now.toEpochMilli())
            .putInt(node)
            .put(randomBytes())
            .array();
    byte[] nonce =
        ByteBuffer.allocate(NONCE_BYTES).put(signed).put(mac(signed, realm, source)).array();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
  }

  /** As {@link #verify(DigestCredentials, Optional, String, String, String, Instant)} unbound. */
  public Verdict verify(
      DigestCredentials c,
      Optional<Subscriber> subscriber,
      String method,
      String realm,
      Instant now) {
    return verify(c, subscriber, method, realm, "", now);
  }

  /**
   * Checks credentials sent for {@code method} from {@code source} against the subscriber (empty
   * when the user is unknown, which is rejected exactly like a wrong password).
   */
  public Verdict verify(
      DigestCredentials c,
      Optional<Subscriber> subscriber,
      String method,
      String realm,
      String source,
      Instant now) {
    Optional<Issued> issued = issued(c.nonce(), realm, source);
    Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromToken(c.algorithm());
    if (issued.isEmpty()
        || algorithm.isEmpty()
        || c.realm() == null
        || !c.realm().equalsIgnoreCase(realm)
        || !"auth".equalsIgnoreCase(c.qop())
        || c.nonceCount() == null
        || !NONCE_COUNT.matcher(c.nonceCount()).matches()
        || c.cnonce() == null
        || c.cnonce().isEmpty()
        || c.uri() == null
        || c.response() == null) {
      return Verdict.UNVERIFIED;
    }
    long age = now.toEpochMilli() - issued.get().at();
    boolean fresh = age <= nonceTtl.toMillis() && age >= -nonceTtl.toMillis();
    boolean right =
        subscriber.isPresent()
            && subscriber.get().realm().equalsIgnoreCase(realm)
            && MessageDigest.isEqual(
                expectedResponse(
                        algorithm.get(),
                        subscriber.get().ha1(algorithm.get()),
                        c.nonce(),
                        c.nonceCount(),
                        c.cnonce(),
                        c.qop(),
                        method,
                        c.uri())
                    .getBytes(StandardCharsets.US_ASCII),
                c.response().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    if (!fresh) {
      return right ? Verdict.STALE : Verdict.UNVERIFIED;
    }
    if (!right) {
      return Verdict.REJECTED;
    }
    if (issued.get().node() != node) {
      return Verdict.STALE; // its nonce-counts are known only where it was issued
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

  /** When and where a nonce was issued. */
  private record Issued(long at, int node) {}

  /** When and by which node the nonce was issued, if the platform issued it to this source. */
  private Optional<Issued> issued(String nonce, String realm, String source) {
    if (nonce == null) {
      return Optional.empty();
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(nonce);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (raw.length != NONCE_BYTES) {
      return Optional.empty();
    }
    byte[] signed = Arrays.copyOf(raw, SIGNED_BYTES);
    byte[] mac = Arrays.copyOfRange(raw, SIGNED_BYTES, NONCE_BYTES);
    if (!MessageDigest.isEqual(mac, mac(signed, realm, source))) {
      return Optional.empty();
    }
    ByteBuffer buf = ByteBuffer.wrap(signed);
    return Optional.of(new Issued(buf.getLong(), buf.getInt()));
  }

  private byte[] randomBytes() {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return bytes;
  }

  private byte[] mac(byte[] signed, String realm, String source) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(key);
      hmac.update(signed);
      hmac.update(realm.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      hmac.update((byte) 0); // keeps realm "ab" + source "c" apart from "a" + "bc"
      hmac.update(source.getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(hmac.doFinal(), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
