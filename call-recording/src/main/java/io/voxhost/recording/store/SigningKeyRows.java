package io.voxhost.recording.store;

import io.voxhost.platform.database.Jdbc;
import io.voxhost.recording.service.SigningKeyStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** {@code recording.signing_key}: one row, made by whichever node asks first. */
@ApplicationScoped
public class SigningKeyRows implements SigningKeyStore {

  private final Jdbc jdbc;

  SigningKeyRows(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public byte[] keyOr(byte[] fresh) {
    return jdbc.run(
        c -> {
          Jdbc.update(
              c,
              "INSERT INTO recording.signing_key (id, secret, created_at) VALUES (1, ?, ?)"
                  + " ON CONFLICT (id) DO NOTHING",
              fresh,
              Instant.now());
          return Jdbc.one(
                  c, "SELECT secret FROM recording.signing_key WHERE id = 1", rs -> rs.getBytes(1))
              .orElseThrow();
        });
  }
}
