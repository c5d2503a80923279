package io.voxhost.sip.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code sip.subscriber}. */
@Entity
@Table(name = "subscriber", schema = "sip")
public class SubscriberEntity {

  @Id public UUID id;

  @Column(name = "tenant_id", nullable = false)
  public UUID tenantId;

  @Column(nullable = false)
  public String username;

  @Column(name = "display_name")
  public String displayName;

  @Column(nullable = false)
  public String realm;

  @Column(name = "ha1_md5", nullable = false)
  public String ha1Md5;

  @Column(name = "ha1_sha256", nullable = false)
  public String ha1Sha256;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
