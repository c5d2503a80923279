package io.voxhost.tftp.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code tftp.site}: a place of a tenant's, with variables its devices inherit. */
@Entity
@Table(name = "site", schema = "tftp")
public class SiteEntity {

  @Id public UUID id;

  @Column(name = "tenant_id", nullable = false)
  public UUID tenantId;

  @Column(nullable = false)
  public String name;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public Map<String, String> variables = new LinkedHashMap<>();

  /** CIDRs outside which the site's devices are not served; empty: anywhere. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public List<String> networks = new ArrayList<>();

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
