package io.voxhost.sip.service;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.voxhost.platform.api.Tenant;
import io.voxhost.platform.api.Tenants;
import io.voxhost.sip.SipConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Which tenant a SIP domain belongs to, remembered for {@code voxhost.sip.domain-cache-ttl} so that
 * the request path does not ask the database each time.
 */
@ApplicationScoped
public class SipDomains {

  private final LoadingCache<String, Optional<UUID>> tenantByDomain;

  SipDomains(Tenants tenants, SipConfig config) {
    this.tenantByDomain =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(config.domainCacheTtl())
            .build(domain -> tenants.bySipDomain(domain).map(Tenant::id));
  }

  /** The tenant serving {@code domain}; a blocking call on a cache miss. */
  public Optional<UUID> tenantOf(String domain) {
    return tenantByDomain.get(domain.toLowerCase(Locale.ROOT));
  }
}
