package io.voxhost.platform.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code platform.tenant}. */
@Entity
@Table(name = "tenant", schema = "platform")
public class TenantEntity {

  @Id public UUID id;

  @Column(nullable = false, unique = true)
  public String slug;

  @Column(nullable = false)
  public String name;

  @Column(name = "sip_domain", nullable = false, unique = true)
  public String sipDomain;

  @Column(name = "sip_register_auth", nullable = false)
  public boolean sipRegisterAuth = true;

  /** Comma-separated RFC 8760 names, most preferred first; null for the node's default. */
  @Column(name = "sip_digest_algorithms")
  public String sipDigestAlgorithms;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
