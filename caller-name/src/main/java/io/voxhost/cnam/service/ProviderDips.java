package io.voxhost.cnam.service;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.voxhost.cnam.CnamConfig;
import io.voxhost.cnam.codec.NameText;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Dips to the upstream providers, each behind its own guard: a timeout, a circuit breaker and a
 * bulkhead (SmallRye Fault Tolerance, built once per provider). No retry: the budget is shorter
 * than two timeouts. Every dip is counted by provider and {@link DipOutcome}, never by tenant.
 */
@ApplicationScoped
public class ProviderDips {

  /** One dip's end: the outcome, and the cleaned name when it is {@link DipOutcome#NAME}. */
  public record DipResult(DipOutcome outcome, String name) {}

  /** What the providers view shows of one provider. */
  public record ProviderStatus(
      String name, boolean shared, CircuitBreakerState breaker, Map<String, Long> outcomes) {}

  /** How often lookups start a trial dip while a breaker is not closed. */
  static final long TRIAL_INTERVAL_MILLIS = 100;

  private final Map<String, Guarded> providers;

  ProviderDips(CnamConfig config, ProviderHttp http, Meters meters) {
    Map<String, Guarded> built = new TreeMap<>();
    config
        .providers()
        .forEach((name, provider) -> built.put(name, new Guarded(name, provider, http, meters)));
    this.providers = Collections.unmodifiableMap(built);
  }

  /** Whether {@code provider} is configured. */
  public boolean has(String provider) {
    return providers.containsKey(provider);
  }

  /** The provider's settings; it must exist. */
  public ProviderSpec spec(String provider) {
    return providers.get(provider).spec;
  }

  /** Asks {@code provider} for {@code e164}'s name; never fails (a failure is its outcome). */
  public CompletableFuture<DipResult> dip(String provider, String e164) {
    Guarded p = providers.get(provider);
    if (p == null) {
      return CompletableFuture.completedFuture(new DipResult(DipOutcome.FAILED, null));
    }
    return p.dip(e164);
  }

  /** How a lookup may use a provider now. */
  public enum Admission {
    /** The breaker is closed: dip, and wait for the answer within the budget. */
    WAIT,
    /**
     * The breaker is open or half-open, and this lookup's dip goes ahead in the background: the
     * breaker lets it through as a trial once its delay has passed (or refuses it at once before);
     * the lookup does not wait for it, and a name it brings is kept for the next caller.
     */
    TRIAL,
    /**
     * The breaker is open or half-open and a trial was started lately: no dip (none is counted:
     * {@code breaker_open} counts the trials the breaker refused).
     */
    SKIP
  }

  /**
   * Whether a lookup may wait for a dip to {@code provider}: only while its breaker is closed. A
   * provider that has been failing must not hold callers up for its timeout again, not even for the
   * breaker's half-open trials, so those run behind the lookups that start them, one every {@value
   * #TRIAL_INTERVAL_MILLIS} ms at most.
   */
  public Admission admit(String provider) {
    Guarded p = providers.get(provider);
    return p == null ? Admission.SKIP : p.admit();
  }

  /**
   * Whether a lookup would make no dip to {@code provider} now: its breaker is not closed and the
   * next trial is not due. Reads without taking the trial, so memory-only lookups may ask.
   */
  public boolean skipping(String provider) {
    Guarded p = providers.get(provider);
    return p == null || p.skipping();
  }

  /** Every provider's breaker and counters, by name. */
  public Map<String, ProviderStatus> status() {
    Map<String, ProviderStatus> out = new LinkedHashMap<>();
    providers.forEach((name, p) -> out.put(name, p.status()));
    return out;
  }

  /** One provider, its guard and its counters. */
  private static final class Guarded {
    private final ProviderSpec spec;
    private final ProviderHttp http;
    private final TypedGuard<CompletionStage<Optional<String>>> guard;
    private final long timeoutNanos;
    private final AtomicReference<CircuitBreakerState> breaker =
        new AtomicReference<>(CircuitBreakerState.CLOSED);
    private final Map<DipOutcome, LongAdder> counts = new EnumMap<>(DipOutcome.class);
    private final AtomicLong nextTrialNanos = new AtomicLong(System.nanoTime());

    Guarded(String name, CnamConfig.Provider config, ProviderHttp http, Meters meters) {
      this.timeoutNanos = config.timeout().toNanos();
      this.spec = ProviderSpec.of(name, config);
      this.http = http;
      for (DipOutcome outcome : DipOutcome.values()) {
        counts.put(
            outcome,
            meters.adder(
                MeterName.of("cnam", "dips"),
                "Dips to upstream caller-name providers, by provider and how they ended",
                "provider",
                name,
                "outcome",
                outcome.label()));
      }
      meters.gauge(
          MeterName.of("cnam", "provider_breaker_state"),
          "A provider's circuit breaker: 0 closed, 1 half-open, 2 open",
          () ->
              switch (breaker.get()) {
                case CLOSED -> 0;
                case HALF_OPEN -> 1;
                case OPEN -> 2;
              },
          "provider",
          name);
      CnamConfig.Breaker b = config.breaker();
      this.guard =
          TypedGuard.create(new TypeLiteral<CompletionStage<Optional<String>>>() {})
              .withDescription("cnam provider " + name)
              .withThreadOffload(false)
              .withTimeout()
              .duration(config.timeout().toMillis(), ChronoUnit.MILLIS)
              .done()
              .withCircuitBreaker()
              .requestVolumeThreshold(b.requestVolume())
              .failureRatio(b.failureRatio())
              .delay(b.delay().toMillis(), ChronoUnit.MILLIS)
              .successThreshold(b.successThreshold())
              // A full bulkhead says nothing about the provider's health.
              .when(failure -> !(failure instanceof BulkheadException))
              .onStateChange(breaker::set)
              .done()
              .withBulkhead()
              .limit(config.maxConcurrent())
              .queueSize(Math.max(1, config.queue()))
              .done()
              .build();
    }

    CompletableFuture<DipResult> dip(String e164) {
      CompletionStage<Optional<String>> answer;
      try {
        long queuedAt = System.nanoTime();
        // The guard's timeout may end a dip still waiting in the bulkhead's queue; SmallRye then
        // still runs it later. Not sending it then: nobody waits, and the provider would bill it.
        answer =
            guard.get(
                () ->
                    System.nanoTime() - queuedAt >= timeoutNanos
                        ? CompletableFuture.failedFuture(
                            new TimeoutException("waited in the bulkhead past its timeout"))
                        : http.dip(spec, e164));
      } catch (RuntimeException e) {
        answer = CompletableFuture.failedFuture(e);
      }
      return answer
          .handle(
              (found, failure) -> {
                if (failure != null) {
                  return new DipResult(outcomeOf(failure), null);
                }
                String name = found.map(n -> NameText.clean(n, NameText.MAX_LENGTH)).orElse(null);
                return new DipResult(name == null ? DipOutcome.NO_NAME : DipOutcome.NAME, name);
              })
          .thenApply(
              result -> {
                counts.get(result.outcome()).increment();
                return result;
              })
          .toCompletableFuture();
    }

    Admission admit() {
      if (breaker.get() == CircuitBreakerState.CLOSED) {
        return Admission.WAIT;
      }
      long now = System.nanoTime();
      long next = nextTrialNanos.get();
      if (now - next >= 0
          && nextTrialNanos.compareAndSet(
              next, now + TimeUnit.MILLISECONDS.toNanos(TRIAL_INTERVAL_MILLIS))) {
        return Admission.TRIAL;
      }
      return Admission.SKIP;
    }

    boolean skipping() {
      return breaker.get() != CircuitBreakerState.CLOSED
          && System.nanoTime() - nextTrialNanos.get() < 0;
    }

    ProviderStatus status() {
      Map<String, Long> outcomes = new LinkedHashMap<>();
      counts.forEach((outcome, count) -> outcomes.put(outcome.label(), count.sum()));
      return new ProviderStatus(spec.name(), spec.shared(), breaker.get(), outcomes);
    }

    private static DipOutcome outcomeOf(Throwable failure) {
      Throwable t = failure;
      while (t instanceof CompletionException && t.getCause() != null) {
        t = t.getCause();
      }
      if (t instanceof DipFailure f) {
        return f.outcome();
      }
      if (t instanceof CircuitBreakerOpenException) {
        return DipOutcome.BREAKER_OPEN;
      }
      if (t instanceof BulkheadException) {
        return DipOutcome.BULKHEAD_FULL;
      }
      if (t instanceof TimeoutException || t instanceof java.util.concurrent.TimeoutException) {
        return DipOutcome.TIMEOUT;
      }
      return DipOutcome.FAILED;
    }
  }
}
