package io.voxhost.cnam.api;

/**
 * A caller's name as a lookup found it. The number is always given: a number without a name has
 * {@code name == null}, never a placeholder such as "UNKNOWN".
 *
 * @param number the caller in E.164 form ({@code +14155550123}), or as dialled when it is one of
 *     the tenant's own extensions
 * @param name the cleaned display name, or null when nobody knows one
 * @param source where the name came from: {@value #SUBSCRIBER}, {@value #DIRECTORY}, {@value
 *     #PLATFORM}, {@value #CACHE}, a provider's name (asked just now) or {@value #NONE}
 * @param cached whether a provider's answer came from memory
 * @param ageSeconds how old that cached answer is; null unless cached
 */
public record CallerName(
    String number, String name, String source, boolean cached, Long ageSeconds) {

  public static final String SUBSCRIBER = "subscriber";
  public static final String DIRECTORY = "directory";
  public static final String PLATFORM = "platform";
  public static final String CACHE = "cache";
  public static final String NONE = "none";

  /** A name found now, not from a provider's cache. */
  public static CallerName found(String number, String name, String source) {
    return new CallerName(number, name, source, false, null);
  }

  /** Nobody knows a name for {@code number}. */
  public static CallerName none(String number) {
    return new CallerName(number, null, NONE, false, null);
  }

  /** The same answer with another name (the tenant's length applied). */
  public CallerName withName(String other) {
    return new CallerName(number, other, source, cached, ageSeconds);
  }
}
