package io.voxhost.tftp.codec;

/** One option of RFC 2347: its name as the client spelled it, and its value. */
public record Option(String name, String value) {

  public boolean is(String other) {
    return name.equalsIgnoreCase(other);
  }
}
