package io.voxhost.tftp.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code tftp.tenant_settings}: the variables every device of a tenant inherits, and who
 * may fetch its devices' files.
 */
@Entity
@Table(name = "tenant_settings", schema = "tftp")
public class TenantSettingsEntity {

  @Id
  @Column(name = "tenant_id")
  public UUID tenantId;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public Map<String, String> variables = new LinkedHashMap<>();

  /** A {@code FetchPolicy} id. */
  @Column(name = "fetch_policy", nullable = false)
  public String fetchPolicy;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
