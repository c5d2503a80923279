package io.voxhost.cnam.store;

import io.voxhost.cnam.service.DipCount;
import io.voxhost.cnam.service.UsageStore;
import io.voxhost.platform.database.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** {@code cnam.dip_usage}: counts added by every node in one {@code unnest} statement a flush. */
@ApplicationScoped
public class UsageRows implements UsageStore {

  private static final String COLUMNS = "tenant_id, provider, day, dips";

  private final Jdbc jdbc;

  UsageRows(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void add(List<DipCount> counts) {
    if (counts.isEmpty()) {
      return;
    }
    jdbc.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO cnam.dip_usage (tenant_id, provider, day, dips)"
                      + " SELECT * FROM unnest(?::uuid[], ?::text[], ?::date[], ?::bigint[])"
                      + " ON CONFLICT (tenant_id, day, provider)"
                      + " DO UPDATE SET dips = dip_usage.dips + excluded.dips")) {
            ps.setArray(
                1, c.createArrayOf("uuid", counts.stream().map(DipCount::tenant).toArray()));
            ps.setArray(
                2, c.createArrayOf("text", counts.stream().map(DipCount::provider).toArray()));
            ps.setArray(
                3,
                c.createArrayOf("date", counts.stream().map(d -> Date.valueOf(d.day())).toArray()));
            ps.setArray(
                4, c.createArrayOf("bigint", counts.stream().map(DipCount::dips).toArray()));
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public List<DipCount> tenant(UUID tenant, LocalDate from, LocalDate to) {
    return jdbc.list(
        "SELECT "
            + COLUMNS
            + " FROM cnam.dip_usage WHERE tenant_id = ? AND day BETWEEN ? AND ?"
            + " ORDER BY day, provider",
        UsageRows::count,
        tenant,
        Date.valueOf(from),
        Date.valueOf(to));
  }

  @Override
  public List<DipCount> all(LocalDate from, LocalDate to) {
    return jdbc.list(
        "SELECT "
            + COLUMNS
            + " FROM cnam.dip_usage WHERE day BETWEEN ? AND ? ORDER BY day, tenant_id, provider",
        UsageRows::count,
        Date.valueOf(from),
        Date.valueOf(to));
  }

  private static DipCount count(ResultSet rs) throws SQLException {
    return new DipCount(
        rs.getObject(1, UUID.class), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getLong(4));
  }
}
