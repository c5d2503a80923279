package io.voxhost.sip.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The answers sent lately to requests answered on the datagram path (REGISTERs, redirected
 * requests, caller-name dips), so that a retransmission gets the same answer again, as a server
 * transaction would give it (RFC 3261 17.2.1, 17.2.2), without keeping one. A request is known by
 * its branch, Call-ID and CSeq; while it is being answered it is pending, and its retransmissions
 * are absorbed.
 *
 * <p>The answers live in one ring of bytes, each after its key, and the keys' fingerprints point
 * into it; the ring is overwritten oldest first. Kept as objects, the answers of the last seconds
 * were most of what each young collection copied at a few thousand REGISTERs a second, and then
 * they died in the old generation. A fingerprint whose answer was overwritten, or whose stored key
 * differs, is a new request.
 */
final class RecentAnswers {

  private static final long PENDING = -1;
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final byte[] NOT_YET = new byte[0];

  private final RecentFingerprints keys;
  private final byte[] ring;

  /** Where the next answer goes, counted from the start, never wrapped. */
  private long written;

  RecentAnswers(long generationMillis, int maxPerGeneration, int ringBytes) {
    this.keys = new RecentFingerprints(generationMillis, maxPerGeneration);
    this.ring = new byte[ringBytes];
  }

  /**
   * Marks {@code key} as being answered. Null when it is new: the caller answers it and then {@link
   * #remember}s the answer. Else the request is a retransmission, and this is the answer to send
   * again, or an empty array while the first answer is still being made.
   */
  synchronized byte[] claim(String key) {
    long fingerprint = keys.fingerprint(key);
    long known = keys.putIfAbsent(fingerprint, PENDING);
    if (known == RecentFingerprints.ABSENT) {
      return null;
    }
    if (known == PENDING) {
      return NOT_YET;
    }
    byte[] answer = read(known, key);
    if (answer == null) {
      keys.put(fingerprint, PENDING);
    }
    return answer;
  }

  /** Keeps the answer sent for {@code key}, unless it is too large for the ring to be worth it. */
  synchronized void remember(String key, byte[] answer) {
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    int length = 8 + keyBytes.length + answer.length;
    long fingerprint = keys.fingerprint(key);
    if (length > ring.length / 8) {
      keys.put(fingerprint, RecentFingerprints.ABSENT);
      return;
    }
    int offset = (int) (written % ring.length);
    if (offset + length > ring.length) {
      written += ring.length - offset; // the tail is too short: start again at the front
      offset = 0;
    }
    INT.set(ring, offset, keyBytes.length);
    INT.set(ring, offset + 4, answer.length);
    System.arraycopy(keyBytes, 0, ring, offset + 8, keyBytes.length);
    System.arraycopy(answer, 0, ring, offset + 8 + keyBytes.length, answer.length);
    keys.put(fingerprint, written);
    written += length;
  }

  /**
   * Forgets {@code key}: a request that could not be answered is taken as new when it comes again.
   */
  synchronized void forget(String key) {
    keys.put(keys.fingerprint(key), RecentFingerprints.ABSENT);
  }

  /** The answer stored at {@code position} for {@code key}, or null if it is gone or not its. */
  private byte[] read(long position, String key) {
    if (position < 0 || written - position > ring.length) {
      return null; // not kept, or overwritten since
    }
    int offset = (int) (position % ring.length);
    int keyLength = (int) INT.get(ring, offset);
    int answerLength = (int) INT.get(ring, offset + 4);
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    int keyStart = offset + 8;
    if (!Arrays.equals(ring, keyStart, keyStart + keyLength, keyBytes, 0, keyBytes.length)) {
      return null;
    }
    int answerStart = keyStart + keyLength;
    return Arrays.copyOfRange(ring, answerStart, answerStart + answerLength);
  }
}
