package io.voxhost.cnam.service;

import io.quarkus.arc.All;
import io.voxhost.cnam.CnamConfig;
import io.voxhost.cnam.api.CallerName;
import io.voxhost.cnam.api.CallerNames;
import io.voxhost.cnam.codec.NameText;
import io.voxhost.cnam.codec.NumberText;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.platform.role.RoleLifecycle;
import io.voxhost.platform.service.InvalidInput;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * The caller-name chain: the number is taken apart and normalised, then each {@link NameSource} is
 * asked in order until one knows a name. A step memory answers runs on the caller's thread; the
 * whole lookup never takes longer than the budget, after which it answers with the number alone.
 */
@Singleton
public class CallerNameService implements CallerNames {

  private final List<NameSource> sources;
  private final TenantLookupRules rules;
  private final CnamConfig config;
  private final long budgetNanos;
  private final Meters meters;
  private final RoleLifecycle roles;
  private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
  private final ReadNumbers numbers = new ReadNumbers();

  /** {@link #sipUser()}, settled on first use (the roles a node runs do not change). */
  private volatile Optional<String> sipUser;

  CallerNameService(
      @All List<NameSource> sources,
      TenantLookupRules rules,
      CnamConfig config,
      Meters meters,
      RoleLifecycle roles) {
    this.sources = sources.stream().sorted(Comparator.comparingInt(NameSource::order)).toList();
    this.rules = rules;
    this.config = config;
    this.budgetNanos = config.budget().toNanos();
    this.meters = meters;
    this.roles = roles;
  }

  @Override
  public CompletionStage<CallerName> lookup(UUID tenant, String number) {
    Lookup lookup = start(tenant, number);
    LookupRules tenantRules = rules.of(tenant);
    CompletableFuture<CallerName> answer = new CompletableFuture<>();
    ask(lookup, 0, false, answer);
    if (answer.isDone()) {
      return answer.thenApply(found -> finish(lookup, tenantRules, found));
    }
    return answer
        .orTimeout(lookup.remainingNanos(), TimeUnit.NANOSECONDS)
        .exceptionally(
            failure -> {
              if (failure instanceof TimeoutException) {
                // Past the budget whatever was still asked: the number alone, as dialled when it
                // is no E.164 number (a subscriber whose read came too late is still no error).
                return CallerName.none(lookup.number());
              }
              throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
            })
        .thenApply(found -> finish(lookup, tenantRules, found));
  }

  @Override
  public Optional<CallerName> inMemory(UUID tenant, String number) {
    Lookup lookup;
    try {
      lookup = start(tenant, number);
    } catch (InvalidInput e) {
      return Optional.empty();
    }
    for (NameSource source : sources) {
      Optional<SourceAnswer> answer = source.inMemory(lookup);
      if (answer.isEmpty()) {
        return Optional.empty();
      }
      if (answer.get().isFound()) {
        return Optional.of(finish(lookup, rules.of(tenant), answer.get().found()));
      }
    }
    return lookup.e164() == null
        ? Optional.empty()
        : Optional.of(finish(lookup, rules.of(tenant), CallerName.none(lookup.e164())));
  }

  /**
   * Only a node that runs the {@code cnam} role takes dips: on a sip-only node of a fleet the
   * module is on the class path too, but its settings are another node's business, and an INVITE to
   * the dip user is then an ordinary INVITE.
   */
  @Override
  public Optional<String> sipUser() {
    Optional<String> user = sipUser;
    if (user == null) {
      user =
          config.sipUser().isPresent() && roles.enabled().isEnabled(CnamSettings.ROLE)
              ? config.sipUser()
              : Optional.empty();
      sipUser = user;
    }
    return user;
  }

  private Lookup start(UUID tenant, String number) {
    long deadline = System.nanoTime() + budgetNanos;
    String dialled =
        NumberText.userPart(number)
            .orElseThrow(() -> notANumber(number, "no number in it, or longer than 64 characters"));
    LookupRules tenantRules = rules.of(tenant);
    String e164 = numbers.e164(dialled, rules.region(tenantRules)).orElse(null);
    return new Lookup(tenant, dialled, e164, rules.providers(tenantRules), deadline);
  }

  /**
   * Asks the sources from {@code index} on, completing {@code answer} with the first name; {@code
   * unread} says an earlier source could not tell (then a number that is no number is no error).
   */
  private void ask(Lookup lookup, int index, boolean unread, CompletableFuture<CallerName> answer) {
    for (int i = index; i < sources.size(); i++) {
      if (answer.isDone()) {
        return; // the budget ended it: the sources left are not asked for nobody
      }
      NameSource source = sources.get(i);
      Optional<SourceAnswer> known = source.inMemory(lookup);
      if (known.isPresent()) {
        if (known.get().isFound()) {
          answer.complete(known.get().found());
          return;
        }
        continue;
      }
      int next = i + 1;
      source
          .lookup(lookup)
          .whenComplete(
              (found, failure) -> {
                if (failure == null && found.isFound()) {
                  answer.complete(found.found());
                } else {
                  ask(lookup, next, unread || failure != null || found.unread(), answer);
                }
              });
      return;
    }
    if (lookup.e164() != null || unread) {
      answer.complete(CallerName.none(lookup.number()));
    } else {
      answer.completeExceptionally(
          notANumber(
              lookup.dialled(),
              "not a number in E.164 form (+ and country code), nor one of the tenant's"
                  + " subscribers, nor a number of the tenant's region"));
    }
  }

  /** The tenant's name length applied, and the answer counted by where it came from. */
  private CallerName finish(Lookup lookup, LookupRules tenantRules, CallerName found) {
    answers
        .computeIfAbsent(
            found.source(),
            source ->
                meters.adder(
                    MeterName.of("cnam", "lookups"),
                    "Caller-name lookups answered, by where the answer came from",
                    "source",
                    source))
        .increment();
    return found.name() == null
        ? found
        : found.withName(NameText.clean(found.name(), rules.nameLength(tenantRules)));
  }

  private static InvalidInput notANumber(String input, String why) {
    String shown =
        input == null ? "null" : input.length() > 80 ? input.substring(0, 80) + "…" : input;
    return new InvalidInput(
        "\"" + shown + "\" is not a number a name can be looked up for: " + why,
        List.of(new InvalidInput.FieldProblem("number", why)));
  }
}
