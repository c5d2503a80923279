package io.voxhost.sip.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/** The nonce-signing secret all nodes share, made by whichever node asks first. */
@ApplicationScoped
public class AuthSecretStore {

  private final DataSource dataSource;

  AuthSecretStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public byte[] secret() throws SQLException {
    byte[] candidate = new byte[32];
    new SecureRandom().nextBytes(candidate);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      try (PreparedStatement insert =
          c.prepareStatement(
              "insert into sip.auth_secret (id, secret, created_at) values (1, ?, ?)"
                  + " on conflict (id) do nothing")) {
        insert.setBytes(1, candidate);
        insert.setTimestamp(2, Timestamp.from(Instant.now()));
        insert.executeUpdate();
      }
      try (PreparedStatement select =
              c.prepareStatement("select secret from sip.auth_secret where id = 1");
          ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getBytes(1);
      }
    }
  }
}
