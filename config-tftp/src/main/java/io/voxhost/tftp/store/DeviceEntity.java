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

/** A row of {@code tftp.device}. */
@Entity
@Table(name = "device", schema = "tftp")
public class DeviceEntity {

  @Id public String mac;

  @Column(name = "tenant_id", nullable = false)
  public UUID tenantId;

  @Column(nullable = false)
  public String vendor;

  @Column(nullable = false)
  public String model;

  @Column(name = "site_id")
  public UUID siteId;

  @Column(name = "time_zone")
  public String timeZone;

  public String language;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public List<LineColumn> lines = new ArrayList<>();

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public Map<String, String> variables = new LinkedHashMap<>();

  @Column(name = "http_user")
  public String httpUser;

  @Column(name = "http_password_hash")
  public String httpPasswordHash;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Column(name = "last_fetch_at")
  public Instant lastFetchAt;

  @Column(name = "last_fetch_file")
  public String lastFetchFile;

  @Column(name = "last_fetch_source")
  public String lastFetchSource;

  @Column(name = "last_fetch_transport")
  public String lastFetchTransport;

  /** One line (account) of a device, as stored in the {@code lines} JSON array. */
  public record LineColumn(String user, String displayName, String authUser, String password) {}
}
