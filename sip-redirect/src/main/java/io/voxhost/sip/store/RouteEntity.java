package io.voxhost.sip.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code sip.route}. */
@Entity
@Table(name = "route", schema = "sip")
public class RouteEntity {

  @Id public UUID id;

  @Column(name = "tenant_id", nullable = false)
  public UUID tenantId;

  @Column(nullable = false)
  public int position;

  @Column(nullable = false)
  public String pattern;

  @Column(nullable = false)
  public String target;

  public String normalize;

  public String region;

  public String description;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
