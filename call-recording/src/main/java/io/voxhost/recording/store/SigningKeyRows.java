package io.voxhost.recording.store;

import io.voxhost.platform.database.Jdbc;
import io.voxhost.platform.database.SharedSecret;
import io.voxhost.recording.service.SigningKeyStore;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code recording.signing_key}: one row, made by whichever node asks first. */
@ApplicationScoped
public class SigningKeyRows implements SigningKeyStore {

  private final Jdbc jdbc;

  SigningKeyRows(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public byte[] key() {
    return SharedSecret.read(jdbc, "recording.signing_key");
  }
}
