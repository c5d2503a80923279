package io.voxhost.sip.store;

import io.voxhost.platform.database.Jdbc;
import io.voxhost.platform.database.SharedSecret;
import jakarta.enterprise.context.ApplicationScoped;

/** The nonce-signing secret all nodes share, made by whichever node asks first. */
@ApplicationScoped
public class AuthSecretStore {

  private final Jdbc jdbc;

  AuthSecretStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  public byte[] secret() {
    return SharedSecret.read(jdbc, "sip.auth_secret");
  }
}
