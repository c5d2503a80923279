package io.voxhost.platform.service;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * What an API key may do, chosen when the key is made and never changed. Only a full key manages
 * keys, so a leaked narrower key cannot make itself a wider one.
 */
public enum KeyScope {
  /** Everything its owner (a tenant, or the admin) may do. */
  FULL("full"),
  /** Every API, safe methods only (GET, HEAD, OPTIONS); not the key listings. */
  READ_ONLY("read-only"),
  /** GET and HEAD of recordings and their audio: a CRM that only downloads. */
  RECORDINGS_READ("recordings-read");

  private final String text;

  KeyScope(String text) {
    this.text = text;
  }

  /** The name in JSON, in the database and in error messages. */
  @JsonValue
  public String text() {
    return text;
  }

  public static Optional<KeyScope> of(String text) {
    return Arrays.stream(values()).filter(s -> s.text.equals(text)).findFirst();
  }

  @Override
  public String toString() {
    return text;
  }
}
