package io.voxhost.sip.service;

import java.util.regex.Pattern;

/**
 * What a subscriber's fields may hold, shared by the JSON API and the CSV import. Usernames are the
 * SIP user part of the AOR, kept to characters that need no escaping in a SIP URI.
 */
public final class SubscriberRules {

  public static final String USERNAME = "^[A-Za-z0-9._~+-]{1,64}$";
  public static final String USERNAME_MESSAGE =
      "1 to 64 letters, digits and . _ ~ + - (the user part of a SIP URI)";
  public static final int PASSWORD_MIN = 8;
  public static final int PASSWORD_MAX = 128;
  public static final String PASSWORD = "^[^\\p{Cntrl}]*$";
  public static final String PASSWORD_MESSAGE =
      PASSWORD_MIN + " to " + PASSWORD_MAX + " characters without control characters";
  public static final int DISPLAY_NAME_MAX = 100;
  public static final String DISPLAY_NAME = "^[^\\p{Cntrl}]*$";
  public static final String DISPLAY_NAME_MESSAGE =
      "at most " + DISPLAY_NAME_MAX + " characters without control characters";

  private static final Pattern USERNAME_PATTERN = Pattern.compile(USERNAME);
  private static final Pattern TEXT_PATTERN = Pattern.compile(PASSWORD);

  private SubscriberRules() {}

  /** The first problem with a row's fields, or null when it is good. */
  public static String problem(String username, String password, String displayName) {
    if (username == null || !USERNAME_PATTERN.matcher(username).matches()) {
      return "username: " + USERNAME_MESSAGE;
    }
    if (password == null
        || password.length() < PASSWORD_MIN
        || password.length() > PASSWORD_MAX
        || !TEXT_PATTERN.matcher(password).matches()) {
      return "password: " + PASSWORD_MESSAGE;
    }
    if (displayName != null
        && (displayName.length() > DISPLAY_NAME_MAX
            || !TEXT_PATTERN.matcher(displayName).matches())) {
      return "displayName: " + DISPLAY_NAME_MESSAGE;
    }
    return null;
  }
}
