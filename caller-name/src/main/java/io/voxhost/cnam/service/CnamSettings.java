package io.voxhost.cnam.service;

import io.smallrye.config.SmallRyeConfig;
import io.voxhost.cnam.CnamConfig;
import io.voxhost.cnam.api.CallerName;
import io.voxhost.cnam.codec.NameText;
import io.voxhost.platform.net.OutboundTarget;
import io.voxhost.platform.net.TargetRefused;
import io.voxhost.platform.role.RoleSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cnam role's settings as its start takes them, checked alike by the role's start and by {@code
 * voxhost check-config}: each refusal is one line naming its key.
 */
public final class CnamSettings implements RoleSettings {

  public static final String ROLE = "cnam";

  /** Presets: the URL template and JSON pointer of well-known providers' APIs. */
  public static final Set<String> PRESETS = Set.of("custom", "opencnam", "twilio");

  /** What answers' {@code source} says for other steps than a provider's dip. */
  private static final Set<String> RESERVED_SOURCES =
      Set.of(
          CallerName.SUBSCRIBER,
          CallerName.DIRECTORY,
          CallerName.PLATFORM,
          CallerName.CACHE,
          CallerName.NONE);

  /** A provider's name: it appears in answers' {@code source}, meters and settings. */
  private static final Pattern PROVIDER_NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  /** RFC 3261 unreserved user characters, enough for a service address such as {@code cnam}. */
  private static final Pattern SIP_USER = Pattern.compile("[A-Za-z0-9._~+-]{1,64}");

  @Override
  public String role() {
    return ROLE;
  }

  @Override
  public List<Class<?>> mappings() {
    return List.of(CnamConfig.class);
  }

  @Override
  public void check(SmallRyeConfig config) {
    check(config.getConfigMapping(CnamConfig.class));
  }

  /** Every rule on {@code cnam}'s settings; the role's start calls it too. */
  public static void check(CnamConfig cnam) {
    positive("voxhost.cnam.budget", cnam.budget());
    if (cnam.minProviderTime().isNegative()
        || cnam.minProviderTime().compareTo(cnam.budget()) > 0) {
      throw new IllegalArgumentException(
          "voxhost.cnam.min-provider-time must be 0 to voxhost.cnam.budget ("
              + cnam.budget().toMillis()
              + " ms), not "
              + cnam.minProviderTime().toMillis()
              + " ms");
    }
    if (cnam.nameLength() < 1 || cnam.nameLength() > NameText.MAX_LENGTH) {
      throw new IllegalArgumentException(
          "voxhost.cnam.name-length must be 1 to "
              + NameText.MAX_LENGTH
              + " (15 for legacy CNAM), not "
              + cnam.nameLength());
    }
    cnam.defaultRegion()
        .filter(region -> !PhoneNumbers.isRegion(region))
        .ifPresent(
            region -> {
              throw new IllegalArgumentException(
                  "voxhost.cnam.default-region must be an ISO 3166 region in capitals (US, GB,"
                      + " DE...), not "
                      + region);
            });
    cnam.sipUser()
        .filter(user -> !SIP_USER.matcher(user).matches())
        .ifPresent(
            user -> {
              throw new IllegalArgumentException(
                  "voxhost.cnam.sip-user must be a SIP user part of letters, digits and . _ ~ +"
                      + " -, not "
                      + user);
            });
    atLeastOne("voxhost.cnam.cache.size", cnam.cache().size());
    positive("voxhost.cnam.cache.positive-ttl", cnam.cache().positiveTtl());
    positive("voxhost.cnam.cache.negative-ttl", cnam.cache().negativeTtl());
    if (cnam.cache().staleFor().isNegative()) {
      throw new IllegalArgumentException("voxhost.cnam.cache.stale-for must not be negative");
    }
    atLeastOne("voxhost.cnam.directory.cache-size", cnam.directory().cacheSize());
    atLeastOne("voxhost.cnam.directory.threads", cnam.directory().threads());
    atLeastOne("voxhost.cnam.directory.queue", cnam.directory().queue());
    atLeastOne("voxhost.cnam.directory.tenant-queue", cnam.directory().tenantQueue());
    atLeastOne("voxhost.cnam.directory.max-entries", cnam.directory().maxEntries());
    atLeastOne("voxhost.cnam.tenant-dips", cnam.tenantDips());
    positive("voxhost.cnam.usage-flush-interval", cnam.usageFlushInterval());
    cnam.providers().forEach(CnamSettings::checkProvider);
    for (String name : cnam.defaultProviders().orElse(List.of())) {
      if (!cnam.providers().containsKey(name)) {
        throw new IllegalArgumentException(
            "voxhost.cnam.default-providers names "
                + name
                + ", which is no voxhost.cnam.providers."
                + name
                + ".* provider");
      }
    }
  }

  private static void checkProvider(String name, CnamConfig.Provider provider) {
    String key = "voxhost.cnam.providers." + name;
    if (!PROVIDER_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          key + ": a provider's name is 1 to 32 lower-case letters, digits and -, a letter first");
    }
    if (RESERVED_SOURCES.contains(name)) {
      throw new IllegalArgumentException(
          key + ": " + name + " is a source of answers of its own; name the provider otherwise");
    }
    if (!PRESETS.contains(provider.preset())) {
      throw new IllegalArgumentException(
          key + ".preset must be one of custom, opencnam, twilio, not " + provider.preset());
    }
    if (provider.preset().equals("custom")) {
      if (provider.url().isEmpty()) {
        throw new IllegalArgumentException(key + ".url is required for a custom provider");
      }
      if (provider.namePointer().isEmpty()) {
        throw new IllegalArgumentException(
            key + ".name-pointer is required for a custom provider (such as /name)");
      }
    }
    provider
        .url()
        .ifPresent(
            url -> {
              if (!url.contains("{number}") && !url.contains("{digits}")) {
                throw new IllegalArgumentException(
                    key + ".url must hold {number} or {digits}: " + OutboundTarget.redacted(url));
              }
              try {
                OutboundTarget.parse(url.replace("{number}", "0").replace("{digits}", "0"));
              } catch (TargetRefused e) {
                throw new IllegalArgumentException(key + ".url: " + e.getMessage(), e);
              }
            });
    provider
        .namePointer()
        .filter(pointer -> !pointer.isEmpty() && !pointer.startsWith("/"))
        .ifPresent(
            pointer -> {
              throw new IllegalArgumentException(
                  key + ".name-pointer must be a JSON pointer (RFC 6901) such as /name");
            });
    for (int status : provider.notFoundStatuses()) {
      if (status < 200 || status > 599) {
        throw new IllegalArgumentException(
            key + ".not-found-statuses must be HTTP statuses, not " + status);
      }
    }
    positive(key + ".timeout", provider.timeout());
    positive(key + ".connect-timeout", provider.connectTimeout());
    atLeastOne(key + ".max-body", provider.maxBody());
    atLeastOne(key + ".max-concurrent", provider.maxConcurrent());
    if (provider.queue() < 0) {
      throw new IllegalArgumentException(key + ".queue must be 0 or more");
    }
    atLeastOne(key + ".breaker.request-volume", provider.breaker().requestVolume());
    double ratio = provider.breaker().failureRatio();
    if (!(ratio > 0 && ratio <= 1)) {
      throw new IllegalArgumentException(
          key + ".breaker.failure-ratio must be above 0 and at most 1, not " + ratio);
    }
    positive(key + ".breaker.delay", provider.breaker().delay());
    atLeastOne(key + ".breaker.success-threshold", provider.breaker().successThreshold());
  }

  @Override
  public Map<String, Path> directories(SmallRyeConfig config) {
    return Map.of();
  }

  private static void positive(String key, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + " must be above 0, not " + value);
    }
  }

  private static void atLeastOne(String key, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be 1 or more, not " + value);
    }
  }
}
