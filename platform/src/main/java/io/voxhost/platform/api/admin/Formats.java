package io.voxhost.platform.api.admin;

/** Shapes accepted for tenant fields. */
final class Formats {

  static final String SLUG = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";
  static final String HOSTNAME =
      "^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?$";
  static final String HOSTNAME_MESSAGE = "must be a DNS domain name such as 'acme.voxhost.net'";

  /** Any text without control characters (no line breaks in a name). */
  static final String TEXT = "^[^\\p{Cntrl}]*$";

  static final String NON_BLANK_TEXT = "^[^\\p{Cntrl}]*\\S[^\\p{Cntrl}]*$";
  static final String TEXT_MESSAGE = "must be non-blank text without control characters";

  private Formats() {}
}
