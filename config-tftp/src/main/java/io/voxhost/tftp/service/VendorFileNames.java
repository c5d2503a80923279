package io.voxhost.tftp.service;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which generated file a requested name is, by the vendors' naming conventions; the MAC in a name
 * is matched in either case. {@code <mac>.cfg} is both Polycom's master file and Yealink's
 * configuration: the registered device's vendor decides.
 */
public final class VendorFileNames {

  private static final Pattern CISCO = Pattern.compile("(?i)SEP([0-9a-f]{12})\\.cnf\\.xml");
  private static final Pattern POLYCOM_PHONE = Pattern.compile("(?i)([0-9a-f]{12})-phone\\.cfg");
  private static final Pattern MAC_CFG = Pattern.compile("(?i)([0-9a-f]{12})\\.cfg");
  private static final Pattern YEALINK_BOOT = Pattern.compile("(?i)([0-9a-f]{12})\\.boot");
  private static final Pattern YEALINK_COMMON =
      Pattern.compile("(?i)y0000000000([0-9a-f]{2})\\.cfg");
  private static final Pattern GRANDSTREAM = Pattern.compile("(?i)cfg([0-9a-f]{12})\\.xml");
  private static final Pattern SNOM =
      Pattern.compile("(?i)snom[0-9a-z]{0,16}-([0-9a-f]{12})\\.(htm|xml)");

  private VendorFileNames() {}

  /**
   * A name this server generates.
   *
   * @param file null for {@code <mac>.cfg}, whose kind depends on the device's vendor
   * @param mac the device the file is for; null for a common file
   */
  public record Match(ConfigFile file, MacAddress mac) {

    /** The file for a device of {@code vendor}, or empty when the name is not for that vendor. */
    public Optional<ConfigFile> forVendor(Vendor vendor) {
      if (file == null) {
        return switch (vendor) {
          case POLYCOM -> Optional.of(ConfigFile.POLYCOM_MASTER);
          case YEALINK -> Optional.of(ConfigFile.YEALINK_DEVICE);
          default -> Optional.empty();
        };
      }
      return file.vendor() == vendor ? Optional.of(file) : Optional.empty();
    }
  }

  public static Optional<Match> match(FileName name) {
    String n = name.value();
    if (n.equals("000000000000.cfg")) {
      return Optional.of(new Match(ConfigFile.POLYCOM_DEFAULT_MASTER, null));
    }
    if (YEALINK_COMMON.matcher(n).matches()) {
      return Optional.of(new Match(ConfigFile.YEALINK_COMMON, null));
    }
    Optional<Match> m = device(CISCO, n, ConfigFile.CISCO_DEVICE);
    if (m.isEmpty()) {
      m = device(POLYCOM_PHONE, n, ConfigFile.POLYCOM_PHONE);
    }
    if (m.isEmpty()) {
      m = device(MAC_CFG, n, null);
    }
    if (m.isEmpty()) {
      m = device(YEALINK_BOOT, n, ConfigFile.YEALINK_BOOT);
    }
    if (m.isEmpty()) {
      m = device(GRANDSTREAM, n, ConfigFile.GRANDSTREAM_DEVICE);
    }
    if (m.isEmpty()) {
      m = device(SNOM, n, ConfigFile.SNOM_DEVICE);
    }
    return m;
  }

  /** The model code of a Yealink common file ({@code 28} in {@code y000000000028.cfg}). */
  public static String yealinkModelCode(FileName name) {
    Matcher m = YEALINK_COMMON.matcher(name.value());
    return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : "";
  }

  private static Optional<Match> device(Pattern pattern, String name, ConfigFile file) {
    Matcher m = pattern.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new Match(file, new MacAddress(m.group(1).toLowerCase(Locale.ROOT))));
  }
}
