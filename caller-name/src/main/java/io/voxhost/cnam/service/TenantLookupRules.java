package io.voxhost.cnam.service;

import io.voxhost.cnam.CnamConfig;
import io.voxhost.cnam.codec.NameText;
import io.voxhost.platform.database.ChangeFeed;
import io.voxhost.platform.service.InvalidInput;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every tenant's {@link LookupRules}, held in memory so that a lookup never waits for the database
 * to learn its region: all are read when the change feed (re)connects, and a tenant's are read
 * again when any node announces a change.
 */
@Singleton
public class TenantLookupRules {

  /** Where changes are announced; a line is a tenant id. */
  public static final String CHANNEL = "voxhost_cnam_settings";

  static final int MAX_PROVIDERS = 10;

  private final LookupRuleStore store;
  private final ChangeFeed feed;
  private final CnamConfig config;
  private final Map<UUID, LookupRules> rules = new ConcurrentHashMap<>();

  TenantLookupRules(LookupRuleStore store, ChangeFeed feed, CnamConfig config) {
    this.store = store;
    this.feed = feed;
    this.config = config;
  }

  /** The tenant's rules as stored (nulls for the node's defaults). */
  public LookupRules of(UUID tenantId) {
    return rules.getOrDefault(tenantId, LookupRules.DEFAULT);
  }

  /** The region numbers without {@code +} are read in for the tenant; null when none. */
  public String region(LookupRules tenant) {
    return tenant.defaultRegion() != null
        ? tenant.defaultRegion()
        : config.defaultRegion().orElse(null);
  }

  /** The characters of a name the tenant shows. */
  public int nameLength(LookupRules tenant) {
    return tenant.nameLength() != null ? tenant.nameLength() : config.nameLength();
  }

  /** The providers the tenant's lookups ask, in order. */
  public List<String> providers(LookupRules tenant) {
    return tenant.providers() != null
        ? tenant.providers()
        : config.defaultProviders().orElse(List.of());
  }

  /** Checks and stores the rules; every node applies them once the change commits. */
  public LookupRules save(UUID tenantId, LookupRules given) {
    List<InvalidInput.FieldProblem> problems = new ArrayList<>();
    String region = given.defaultRegion();
    if (region != null && !PhoneNumbers.isRegion(region)) {
      problems.add(
          new InvalidInput.FieldProblem(
              "defaultRegion", "an ISO 3166 region in capitals, such as US or GB, or null"));
    }
    Integer length = given.nameLength();
    if (length != null && (length < 1 || length > NameText.MAX_LENGTH)) {
      problems.add(
          new InvalidInput.FieldProblem(
              "nameLength", "1 to " + NameText.MAX_LENGTH + " (15 for legacy CNAM), or null"));
    }
    if (given.providers() != null) {
      if (given.providers().size() > MAX_PROVIDERS) {
        problems.add(
            new InvalidInput.FieldProblem("providers", "at most " + MAX_PROVIDERS + " providers"));
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < given.providers().size(); i++) {
        String name = given.providers().get(i);
        if (name == null || !config.providers().containsKey(name)) {
          problems.add(
              new InvalidInput.FieldProblem(
                  "providers[" + i + "]",
                  "not a provider of this platform; it has " + config.providers().keySet()));
        } else if (!seen.add(name)) {
          problems.add(new InvalidInput.FieldProblem("providers[" + i + "]", "named twice"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput("the caller-name settings are not valid", problems);
    }
    // Serialised with the feed's reads, so that an older read never overwrites a newer save.
    synchronized (this) {
      store.save(tenantId, given);
      rules.put(tenantId, given);
    }
    return given;
  }

  /** Follows changes from now on; returns once every tenant's rules are in memory. */
  public void follow(Duration timeout) throws InterruptedException {
    feed.subscribe(CHANNEL, ChangeFeed.Senders.OTHER_NODES, this::changed, this::loadAll)
        .awaitSynchronised(timeout);
  }

  private synchronized void loadAll() {
    Map<UUID, LookupRules> all = store.all();
    rules.keySet().retainAll(all.keySet());
    rules.putAll(all);
  }

  private synchronized void changed(List<String> lines) {
    for (String line : lines) {
      UUID tenant;
      try {
        tenant = UUID.fromString(line);
      } catch (IllegalArgumentException e) {
        loadAll();
        continue;
      }
      store.find(tenant).ifPresentOrElse(r -> rules.put(tenant, r), () -> rules.remove(tenant));
    }
  }
}
