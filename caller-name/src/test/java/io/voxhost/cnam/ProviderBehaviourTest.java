package io.voxhost.cnam;

import static io.voxhost.cnam.FakeProvider.held;
import static io.voxhost.cnam.FakeProvider.json;
import static io.voxhost.cnam.FakeProvider.name;
import static io.voxhost.cnam.FakeProvider.raw;
import static io.voxhost.cnam.FakeProvider.slow;
import static io.voxhost.cnam.FakeProvider.status;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.voxhost.cnam.api.CallerName;
import io.voxhost.cnam.api.CallerNames;
import io.voxhost.cnam.service.CnamClock;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lookups that reach upstream providers ({@link ProviderProfile}): the budget, the breaker, one dip
 * for many callers, negative and stale answers, the next provider, billing and cache scopes. Each
 * test has its own numbers; the clock the cache ages by is moved instead of waited for.
 */
@QuarkusTest
@TestProfile(ProviderProfile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ProviderBehaviourTest {

  static final String CNAM = "/api/v1/cnam/";
  static final long BUDGET_MS = 2500;

  @Inject CallerNames names;

  final AtomicLong skew = new AtomicLong();

  FakeProvider fake() {
    return ProviderProfile.Fake.running;
  }

  /** Whether each provider's connection pool has made its first (slow, cold JVM) connection. */
  static final AtomicBoolean WARM = new AtomicBoolean();

  @BeforeEach
  void clock() {
    QuarkusMock.installMockForType(
        new CnamClock(() -> System.nanoTime() + skew.get()), CnamClock.class);
    if (WARM.compareAndSet(false, true)) {
      // A cold JVM's first request (class loading, the pool's first connection) can take longer
      // than a provider's timeout here; tests that count requests must not see that.
      for (String p : List.of("fake", "next", "flaky", "hang", "mine")) {
        TenantKey t = tenantWith("prov-warm-" + p, p);
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> {
                  lookup(t, "+14155559999");
                  return fake().requests(p, "+14155559999") > 0;
                });
      }
    }
  }

  static TenantKey tenantWith(String prefix, String... providers) {
    TenantKey t = ApiClient.newTenant(prefix);
    as(t.key())
        .body(Map.of("providers", List.of(providers)))
        .put(CNAM + "settings")
        .then()
        .statusCode(200);
    return t;
  }

  static JsonPath lookup(TenantKey t, String number) {
    return as(t.key()).get(CNAM + number).then().statusCode(200).extract().jsonPath();
  }

  @Test
  void aNameIsDippedCleanedThenAnsweredFromMemory() {
    TenantKey t = tenantWith("prov-name", "fake");
    String n = "+14155551001";
    fake().play(n, name("  Caf\u0065\u0301 \u202eAcme\u0000 \r\n Plumbing  "));
    JsonPath first = lookup(t, n);
    assertThat(first.getString("source")).isEqualTo("fake");
    assertThat(first.getBoolean("cached")).isFalse();
    String shown = first.getString("name");
    assertThat(shown).startsWith("Caf\u00e9").contains("Acme").contains("Plumbing");
    assertThat(shown).doesNotContain("\u0000", "\u202e", "\r", "\n", "e\u0301");

    JsonPath again = lookup(t, n);
    assertThat(again.getString("source")).isEqualTo("cache");
    assertThat(again.getBoolean("cached")).isTrue();
    assertThat(again.getString("name")).isEqualTo(shown);
    assertThat(again.getLong("ageSeconds")).isGreaterThanOrEqualTo(0);
    assertThat(fake().requests("fake", n)).isEqualTo(1);
  }

  @Test
  void answersWithinBudgetWhenProviderHangs() {
    TenantKey t = tenantWith("prov-hang", "hang");
    String n = "+14155551002";
    fake().play(n, slow(Duration.ofMillis(3200), name("Patient Inc")));
    long start = System.nanoTime();
    JsonPath answer = lookup(t, n);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(answer.getString("source")).isEqualTo("none");
    assertThat(answer.getString("name")).isNull();
    assertThat(tookMs).isLessThan(BUDGET_MS + 500);
    // The dip went on past the budget, to its own timeout, and filled the cache.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(lookup(t, n).getString("name")).isEqualTo("Patient Inc"));
    assertThat(fake().requests("hang", n)).isEqualTo(1);
  }

  @Test
  void secondProviderGetsRestOfBudget() {
    TenantKey t = tenantWith("prov-next", "fake", "next");
    String slowFirst = "+14155551003";
    fake().play("fake", slowFirst, slow(Duration.ofMillis(2000), name("Too Late")));
    fake().play("next", slowFirst, json(Map.of("caller_name", Map.of("caller_name", "Second"))));
    JsonPath a = lookup(t, slowFirst);
    assertThat(a.getString("source")).isEqualTo("next");
    assertThat(a.getString("name")).isEqualTo("Second");

    String failingFirst = "+14155551004";
    fake().play("fake", failingFirst, status(500));
    fake().play("next", failingFirst, json(Map.of("caller_name", Map.of("caller_name", "Backup"))));
    assertThat(lookup(t, failingFirst).getString("source")).isEqualTo("next");
    assertThat(fake().authorization("next", failingFirst)).isEqualTo("Basic dGVzdDpzZWNyZXQ=");
  }

  @Test
  void aFailureIsNeverCachedAsNoName() {
    TenantKey t = tenantWith("prov-fail", "fake");
    String n = "+14155551005";
    fake().play(n, status(503));
    assertThat(lookup(t, n).getString("source")).isEqualTo("none");
    fake().play(n, name("Back Again"));
    JsonPath later = lookup(t, n);
    assertThat(later.getString("source")).isEqualTo("fake");
    assertThat(later.getString("name")).isEqualTo("Back Again");
    assertThat(fake().requests("fake", n)).isEqualTo(2);
  }

  @Test
  void cachesNoNameForNegativeTtlAndAsksTheNextProvider() {
    TenantKey t = tenantWith("prov-neg", "fake", "next");
    String n = "+14155551006";
    fake().play("fake", n, status(404));
    fake().play("next", n, raw("{\"caller_name\":{\"caller_name\":null}}"));
    as(t.key()).get(CNAM + n).then().body("name", nullValue()).body("source", equalTo("none"));
    assertThat(fake().requests("fake", n)).isEqualTo(1);
    assertThat(fake().requests("next", n)).isEqualTo(1);

    as(t.key()).get(CNAM + n).then().body("name", nullValue());
    assertThat(fake().requests("fake", n)).isEqualTo(1);
    assertThat(fake().requests("next", n)).isEqualTo(1);

    // Past the negative TTL, the stale "no name" is still answered, and both are asked again.
    fake().play("next", n, json(Map.of("caller_name", Map.of("caller_name", "Now Known"))));
    skew.addAndGet(Duration.ofMinutes(10).plusSeconds(1).toNanos());
    as(t.key()).get(CNAM + n).then().body("name", nullValue());
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(fake().requests("next", n)).isEqualTo(2));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(lookup(t, n).getString("name")).isEqualTo("Now Known"));
    assertThat(fake().requests("fake", n)).isEqualTo(2);
  }

  @Test
  void answersStaleAtOnceAndRefreshesInBackground() {
    TenantKey t = tenantWith("prov-stale", "fake");
    String n = "+14155551007";
    fake().play(n, name("Old Name"));
    assertThat(lookup(t, n).getString("name")).isEqualTo("Old Name");
    fake().play(n, slow(Duration.ofMillis(300), name("New Name")));
    skew.addAndGet(Duration.ofHours(1).plusSeconds(5).toNanos());

    JsonPath stale = lookup(t, n);
    assertThat(stale.getString("name")).isEqualTo("Old Name");
    assertThat(stale.getString("source")).isEqualTo("cache");
    assertThat(stale.getLong("ageSeconds")).isGreaterThanOrEqualTo(3600);
    lookup(t, n); // a second stale read joins the refresh under way
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(lookup(t, n).getString("name")).isEqualTo("New Name"));
    assertThat(fake().requests("fake", n)).isEqualTo(2);
    // Past TTL + stale-for the answer is gone: the next lookup dips and waits.
    skew.addAndGet(Duration.ofDays(2).toNanos());
    assertThat(lookup(t, n).getString("source")).isEqualTo("fake");
    assertThat(fake().requests("fake", n)).isEqualTo(3);
  }

  @Test
  void oneUpstreamRequestFor100ConcurrentLookups() {
    TenantKey t = tenantWith("prov-many", "fake");
    UUID tenant = ApiClient.tenantId(t);
    String n = "+14155551008";
    CountDownLatch release = new CountDownLatch(1);
    fake().play(n, held(release, name("Held Inc")));
    List<CompletableFuture<CallerName>> all = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      all.add(names.lookup(tenant, n).toCompletableFuture());
    }
    await().atMost(Duration.ofSeconds(1)).until(() -> fake().requests("fake", n) == 1);
    release.countDown();
    for (CompletableFuture<CallerName> answer : all) {
      assertThat(answer.orTimeout(5, TimeUnit.SECONDS).join().name()).isEqualTo("Held Inc");
    }
    assertThat(fake().requests("fake", n)).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                as(t.key())
                    .get(CNAM + "usage")
                    .then()
                    .body("days.dips", equalTo(List.of(1)))
                    .body("days.provider", equalTo(List.of("fake"))));
  }

  @Test
  void opensBreakerAfterFailuresAndHalfOpensAfterDelay() {
    TenantKey t = tenantWith("prov-breaker", "flaky");
    for (int i = 0; i < 4; i++) {
      String n = "+1415555102" + i;
      fake().play(n, status(500));
      assertThat(lookup(t, n).getString("source")).isEqualTo("none");
    }
    assertThat(breaker("flaky")).isEqualTo("OPEN");
    String n = "+14155551030";
    fake().play(n, name("Recovered"));
    assertThat(lookup(t, n).getString("source")).isEqualTo("none");
    assertThat(fake().requests("flaky", n)).isZero();
    assertThat(outcome("flaky", "breaker_open")).isGreaterThanOrEqualTo(1);
    // Four in the window, the warm-up's success perhaps among them: three or four failures open it.
    assertThat(outcome("flaky", "failed")).isBetween(3L, 4L);

    // Once the delay has passed a lookup starts the trial, but nobody waits for it: the provider
    // holds it, and every lookup still answers none at once (waiting would take the 1 s timeout).
    CountDownLatch trial = new CountDownLatch(1);
    fake().play(n, held(trial, name("Recovered")));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              long start = System.nanoTime();
              assertThat(lookup(t, n).getString("source")).isEqualTo("none");
              assertThat(Duration.ofNanos(System.nanoTime() - start))
                  .isLessThan(Duration.ofMillis(700));
              return fake().requests("flaky", n) > 0;
            });
    trial.countDown();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(lookup(t, n).getString("name")).isEqualTo("Recovered"));
    assertThat(breaker("flaky")).isEqualTo("CLOSED");
    assertThat(fake().requests("flaky", n)).isEqualTo(1);
  }

  @Test
  void dipsAreBilledToTheTenantThatCausedThem() {
    TenantKey payer = tenantWith("prov-payer", "fake");
    TenantKey rider = tenantWith("prov-rider", "fake");
    String n = "+14155551040";
    fake().play(n, name("Billed Once"));
    assertThat(lookup(payer, n).getString("source")).isEqualTo("fake");
    assertThat(lookup(rider, n).getString("source")).isEqualTo("cache");
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                as(payer.key())
                    .get(CNAM + "usage")
                    .then()
                    .statusCode(200)
                    .body("days.day", equalTo(List.of(today)))
                    .body("days.dips", equalTo(List.of(1))));
    as(rider.key()).get(CNAM + "usage").then().statusCode(200).body("days", equalTo(List.of()));
    UUID payerId = ApiClient.tenantId(payer);
    List<Map<String, Object>> rows =
        as(ApiClient.adminKey())
            .get("/api/v1/admin/cnam/usage?from=" + today + "&to=" + today)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("days");
    assertThat(rows)
        .anySatisfy(
            r -> {
              assertThat(r.get("tenantId")).isEqualTo(payerId.toString());
              assertThat(r.get("provider")).isEqualTo("fake");
              assertThat(((Number) r.get("dips")).longValue()).isEqualTo(1);
            });
    assertThat(rows).noneMatch(r -> r.get("tenantId").equals(ApiClient.tenantId(rider).toString()));
  }

  @Test
  void aPerTenantProviderKeepsEachTenantsAnswersApart() {
    TenantKey a = tenantWith("prov-mine-a", "mine");
    TenantKey b = tenantWith("prov-mine-b", "mine");
    String n = "+14155551050";
    fake().play(n, name("Tenant Scoped"));
    assertThat(lookup(a, n).getString("source")).isEqualTo("mine");
    assertThat(lookup(b, n).getString("source")).isEqualTo("mine");
    assertThat(lookup(a, n).getString("source")).isEqualTo("cache");
    assertThat(lookup(b, n).getString("source")).isEqualTo("cache");
    assertThat(fake().requests("mine", n)).isEqualTo(2);
  }

  @Test
  void usageRangesAreCheckedAndTheAdminViewsNeedAnAdmin() {
    TenantKey t = tenantWith("prov-usage", "fake");
    as(t.key()).get(CNAM + "usage?from=2026-13-01").then().statusCode(400);
    as(t.key()).get(CNAM + "usage?from=2026-02-02&to=2026-02-01").then().statusCode(400);
    as(t.key()).get(CNAM + "usage?from=2024-01-01&to=2026-01-01").then().statusCode(400);
    as(t.key()).get(CNAM + "usage?from=2026-01-01&to=2026-01-31").then().statusCode(200);
    as(t.key()).get("/api/v1/admin/cnam/usage").then().statusCode(403);
    as(t.key()).get("/api/v1/admin/cnam/providers").then().statusCode(403);
    JsonPath view =
        as(ApiClient.adminKey())
            .get("/api/v1/admin/cnam/providers")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(view.getList("providers.name", String.class)).contains("fake", "mine", "next");
    assertThat(view.getBoolean("providers.find { it.name == 'mine' }.shared")).isFalse();
    assertThat(view.getMap("providers.find { it.name == 'fake' }.outcomes"))
        .containsKeys("name", "no_name", "timeout", "breaker_open", "bulkhead_full");
  }

  static String breaker(String provider) {
    return as(ApiClient.adminKey())
        .get("/api/v1/admin/cnam/providers")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("providers.find { it.name == '" + provider + "' }.breaker");
  }

  static long outcome(String provider, String outcome) {
    return as(ApiClient.adminKey())
        .get("/api/v1/admin/cnam/providers")
        .then()
        .extract()
        .jsonPath()
        .getLong("providers.find { it.name == '" + provider + "' }.outcomes." + outcome);
  }
}
