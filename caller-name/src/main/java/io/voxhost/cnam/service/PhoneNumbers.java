package io.voxhost.cnam.service;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/**
 * Numbers in E.164 form, read with libphonenumber. A number is accepted when it is possible (right
 * length for its country), not only when it is in a range the metadata knows as assigned: a range
 * allocated after this library's release must still get its name.
 */
public final class PhoneNumbers {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {}

  /**
   * {@code dialled} as E.164, read in {@code region} (ISO 3166 alpha-2) unless it starts with
   * {@code +}; empty when it is no possible number, or has no {@code +} and no region is given.
   */
  public static Optional<String> e164(String dialled, String region) {
    String in = dialled.startsWith("00") && region == null ? "+" + dialled.substring(2) : dialled;
    if (region == null && !in.startsWith("+")) {
      return Optional.empty();
    }
    try {
      PhoneNumber number = UTIL.parse(in, region == null ? "ZZ" : region);
      if (number.hasExtension() || !UTIL.isPossibleNumber(number)) {
        return Optional.empty();
      }
      return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /** Whether libphonenumber knows {@code region} as a region (upper case, such as {@code US}). */
  public static boolean isRegion(String region) {
    return UTIL.getSupportedRegions().contains(region);
  }
}
