package io.voxhost.platform.database;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A secret every node of a deployment shares (nonce signing, link signing): one row {@code id = 1}
 * of a module's table {@code (id, secret, created_at)}, made by whichever node asks first.
 */
public final class SharedSecret {

  private static final Pattern TABLE = Pattern.compile("[a-z_]+\\.[a-z_]+");
  private static final SecureRandom RANDOM = new SecureRandom();

  private SharedSecret() {}

  /** The stored secret of {@code table} ({@code schema.name}), made of 32 random bytes if none. */
  public static byte[] read(Jdbc jdbc, String table) {
    if (!TABLE.matcher(table).matches()) {
      throw new IllegalArgumentException("not a table name: " + table);
    }
    byte[] fresh = new byte[32];
    RANDOM.nextBytes(fresh);
    return jdbc.run(
        c -> {
          Jdbc.update(
              c,
              "INSERT INTO "
                  + table
                  + " (id, secret, created_at) VALUES (1, ?, ?)"
                  + " ON CONFLICT (id) DO NOTHING",
              fresh,
              Instant.now());
          return Jdbc.one(c, "SELECT secret FROM " + table + " WHERE id = 1", rs -> rs.getBytes(1))
              .orElseThrow();
        });
  }
}
