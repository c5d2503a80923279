package io.voxhost.platform.testing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Unique test data for a test JVM: MACs, tenant slugs and usernames that no other test of the run
 * can draw, against the one database every test class of a module shares. Each test run gets a
 * fresh database, so a counter is enough; random values are not (24 random bits collide within a
 * few thousand draws).
 */
public final class TestData {

  private static final AtomicInteger NEXT = new AtomicInteger();

  private TestData() {}

  /** A MAC of the vendor whose OUI (six hex digits) is given, never drawn before in this run. */
  public static String mac(String oui) {
    int n = NEXT.incrementAndGet();
    if (n >= 1 << 24) {
      throw new IllegalStateException("more than 16M test MACs in one run");
    }
    return oui.toLowerCase(java.util.Locale.ROOT) + String.format("%06x", n);
  }

  /** A slug, username or domain label starting with {@code prefix}, unique in this run. */
  public static String name(String prefix) {
    return prefix + "-" + NEXT.incrementAndGet();
  }
}
