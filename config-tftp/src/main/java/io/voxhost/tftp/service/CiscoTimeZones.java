package io.voxhost.tftp.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Cisco phones take a time zone only by a name from their own list ({@code tftp/cisco-time-zones
 * .txt}, each name with an IANA zone of the same rules). Any other IANA zone gets the first listed
 * name with the same offset and summer-time rules, else the first with the same standard offset,
 * else Greenwich.
 */
public final class CiscoTimeZones {

  private static final String GREENWICH = "Greenwich Standard Time";

  /** IANA id to Cisco name, in the file's order. */
  private final Map<String, String> names;

  private CiscoTimeZones(Map<String, String> names) {
    this.names = names;
  }

  /** The list shipped in the module. */
  public static CiscoTimeZones shipped() {
    Map<String, String> names = new LinkedHashMap<>();
    try (InputStream in =
            CiscoTimeZones.class.getClassLoader().getResourceAsStream("tftp/cisco-time-zones.txt");
        BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(Objects.requireNonNull(in), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        int eq = line.indexOf('=');
        if (line.isBlank() || line.startsWith("#") || eq < 0) {
          continue;
        }
        names.put(line.substring(eq + 1).trim(), line.substring(0, eq).trim());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CiscoTimeZones(names);
  }

  String nameFor(PhoneTimeZone zone, Instant now) {
    String listed = names.get(zone.id());
    if (listed != null) {
      return listed;
    }
    String sameOffset = null;
    for (Map.Entry<String, String> entry : names.entrySet()) {
      PhoneTimeZone candidate = PhoneTimeZone.withoutCiscoName(entry.getKey(), now);
      if (candidate.standardOffsetSeconds() != zone.standardOffsetSeconds()) {
        continue;
      }
      if (candidate.savingSeconds() == zone.savingSeconds()
          && Objects.equals(candidate.start(), zone.start())
          && Objects.equals(candidate.end(), zone.end())) {
        return entry.getValue();
      }
      if (sameOffset == null) {
        sameOffset = entry.getValue();
      }
    }
    return sameOffset != null ? sameOffset : GREENWICH;
  }
}
