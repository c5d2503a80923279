package io.voxhost.cnam.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks {@code voxhost.cnam.trust-certificates} at start: a file the client would only read at the
 * first dip must not turn every dip into a TLS failure later.
 */
public final class ProviderTrust {

  private ProviderTrust() {}

  /** Throws, naming the key, unless {@code pem} is empty or a readable PEM of certificates. */
  public static void check(Optional<Path> pem) {
    if (pem.isEmpty()) {
      return;
    }
    String text;
    try {
      text = Files.readString(pem.get(), StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "voxhost.cnam.trust-certificates: cannot read " + pem.get() + ": " + e.getMessage(), e);
    }
    if (!text.contains("-----BEGIN CERTIFICATE-----")) {
      throw new IllegalArgumentException(
          "voxhost.cnam.trust-certificates: " + pem.get() + " holds no PEM certificate");
    }
  }
}
