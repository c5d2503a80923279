package io.voxhost.cnam;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node whose providers are one {@link FakeProvider} on loopback under several names, with short
 * timeouts: {@code fake} and {@code next} (a Twilio-like pointer on {@code {digits}}) for the
 * chain, {@code flaky} with a breaker that opens after four failures and tries again after 2 s,
 * {@code hang} whose timeout is past the budget, and {@code mine}, cached per tenant.
 */
public class ProviderProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> c = new HashMap<>();
    c.put("voxhost.cnam.budget", "2500ms");
    c.put("voxhost.cnam.allow-private-providers", "true");
    c.put("voxhost.cnam.usage-flush-interval", "300ms");
    c.put("voxhost.cnam.cache.positive-ttl", "1h");
    c.put("voxhost.cnam.cache.negative-ttl", "10m");
    c.put("voxhost.cnam.cache.stale-for", "1d");
    for (String p : List.of("fake", "next", "flaky", "hang", "mine")) {
      String key = "voxhost.cnam.providers." + p + ".";
      c.put(key + "name-pointer", p.equals("next") ? "/caller_name/caller_name" : "/name");
      c.put(key + "timeout", p.equals("hang") ? "4s" : "1s");
      c.put(key + "connect-timeout", "1s");
      c.put(key + "max-body", "2048");
      c.put(key + "breaker.request-volume", p.equals("flaky") ? "4" : "1000");
      c.put(key + "breaker.delay", p.equals("flaky") ? "2s" : "10s");
      c.put(key + "breaker.success-threshold", "1");
    }
    c.put("voxhost.cnam.providers.next.auth-header", "Basic dGVzdDpzZWNyZXQ=");
    c.put("voxhost.cnam.providers.mine.shared", "false");
    return c;
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(Fake.class));
  }

  /** Starts the fake before the node, so the providers' URLs can name its port. */
  public static class Fake implements QuarkusTestResourceLifecycleManager {

    /** The running fake: one per profile start, read by the tests of this profile. */
    static volatile FakeProvider running;

    @Override
    public Map<String, String> start() {
      try {
        running = new FakeProvider();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Map<String, String> urls = new HashMap<>();
      for (String p : List.of("fake", "flaky", "hang", "mine")) {
        urls.put("voxhost.cnam.providers." + p + ".url", running.url("http", p, "{number}"));
      }
      urls.put("voxhost.cnam.providers.next.url", running.url("http", "next", "{digits}"));
      return urls;
    }

    @Override
    public void stop() {
      if (running != null) {
        running.close();
      }
    }
  }
}
