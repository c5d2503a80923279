package io.voxhost.sip.store;

import io.voxhost.platform.database.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;

/** The nonce-signing secret all nodes share, made by whichever node asks first. */
@ApplicationScoped
public class AuthSecretStore {

  private final Jdbc jdbc;

  AuthSecretStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  public byte[] secret() {
    byte[] candidate = new byte[32];
    new SecureRandom().nextBytes(candidate);
    return jdbc.run(
        c -> {
          Jdbc.update(
              c,
              "insert into sip.auth_secret (id, secret, created_at) values (1, ?, ?)"
                  + " on conflict (id) do nothing",
              candidate,
              Instant.now());
          return Jdbc.one(
                  c, "select secret from sip.auth_secret where id = 1", rs -> rs.getBytes(1))
              .orElseThrow();
        });
  }
}
