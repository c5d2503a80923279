package io.voxhost.phones.codec;

import java.util.Locale;
import java.util.Optional;

/**
 * The makers whose phones the emulator plays: the file each asks for first at boot (by its MAC and
 * model), the User-Agent it sends, and its default model.
 */
public enum Vendor {
  YEALINK("T46U"),
  POLYCOM("VVX450"),
  CISCO("CP-8845"),
  GRANDSTREAM("GRP2614"),
  SNOM("D785");

  private final String defaultModel;

  Vendor(String defaultModel) {
    this.defaultModel = defaultModel;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String defaultModel() {
    return defaultModel;
  }

  public static Optional<Vendor> of(String id) {
    for (Vendor v : values()) {
      if (v.id().equalsIgnoreCase(id.strip())) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /**
   * The first file the phone asks for: Yealink's and Polycom's {@code <mac>.cfg} (Polycom's master
   * file names the rest), Cisco's {@code SEP<MAC>.cnf.xml}, Grandstream's {@code cfg<mac>.xml},
   * Snom's {@code snom<model>-<MAC>.htm}.
   */
  public String firstFile(String mac, String model) {
    String lower = mac.replace(":", "").toLowerCase(Locale.ROOT);
    String upper = lower.toUpperCase(Locale.ROOT);
    return switch (this) {
      case YEALINK, POLYCOM -> lower + ".cfg";
      case CISCO -> "SEP" + upper + ".cnf.xml";
      case GRANDSTREAM -> "cfg" + lower + ".xml";
      case SNOM -> "snom" + model.replaceAll("[^0-9A-Za-z]", "") + "-" + upper + ".htm";
    };
  }

  /** The User-Agent a phone of this model and firmware sends, in its maker's form. */
  public String userAgent(String mac, String model) {
    String lower = mac.replace(":", "").toLowerCase(Locale.ROOT);
    return switch (this) {
      case YEALINK -> "Yealink SIP-" + model + " 66.86.0.15 " + mac;
      case POLYCOM -> "PolycomVVX-" + model.replace("VVX", "VVX_") + "-UA/6.4.3.5018";
      case CISCO -> "Cisco-" + model.replace("-", "") + "/14.2.1";
      case GRANDSTREAM -> "Grandstream " + model + " 1.0.5.33 " + lower;
      case SNOM -> "snom" + model + "/10.1.141.13";
    };
  }
}
