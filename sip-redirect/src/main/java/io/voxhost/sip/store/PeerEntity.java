package io.voxhost.sip.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** A row of {@code sip.peer}: a source network the tenant trusts. */
@Entity
@Table(name = "peer", schema = "sip")
public class PeerEntity {

  @Id public UUID id;

  @Column(name = "tenant_id", nullable = false)
  public UUID tenantId;

  /** Canonical CIDR text; PostgreSQL's cidr type checks it once more. */
  @Column(nullable = false)
  @ColumnTransformer(read = "network::text", write = "cast(? as cidr)")
  public String network;

  public String description;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
