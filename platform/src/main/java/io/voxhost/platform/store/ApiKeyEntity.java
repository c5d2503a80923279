package io.voxhost.platform.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code platform.api_key}; {@code tenantId == null} marks an admin key. */
@Entity
@Table(name = "api_key", schema = "platform")
public class ApiKeyEntity {

  @Id public UUID id;

  @Column(name = "tenant_id")
  public UUID tenantId;

  @Column(nullable = false, unique = true)
  public String prefix;

  @Column(name = "secret_hash", nullable = false)
  public byte[] secretHash;

  @Column(nullable = false)
  public String label;

  /** A {@code KeyScope}'s text: full, read-only or recordings-read. */
  @Column(nullable = false)
  public String scope;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "last_used_at")
  public Instant lastUsedAt;

  @Column(name = "revoked_at")
  public Instant revokedAt;
}
