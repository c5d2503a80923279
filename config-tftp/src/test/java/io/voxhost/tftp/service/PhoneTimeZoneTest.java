package io.voxhost.tftp.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PhoneTimeZoneTest {

  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private final CiscoTimeZones cisco = CiscoTimeZones.shipped();

  private PhoneTimeZone zone(String id) {
    return PhoneTimeZone.of(id, NOW, cisco);
  }

  @Test
  void centralEuropeChangesOnTheLastSundaysAtOneUtc() {
    PhoneTimeZone paris = zone("Europe/Paris");
    assertThat(paris.standardOffsetSeconds()).isEqualTo(3600);
    assertThat(paris.savingSeconds()).isEqualTo(3600);
    // 01:00 UTC is 02:00 local in March (CET) and 03:00 local in October (CEST).
    assertThat(paris.start()).isEqualTo(new PhoneTimeZone.Change(3, 5, 7, 2 * 3600));
    assertThat(paris.end()).isEqualTo(new PhoneTimeZone.Change(10, 5, 7, 3 * 3600));
    assertThat(paris.posix()).isEqualTo("CET-1CEST,M3.5.0/02:00:00,M10.5.0/03:00:00");
    assertThat(paris.yealinkOffset()).isEqualTo("+1");
    assertThat(paris.start().yealink()).isEqualTo("3/5/7/2");
    assertThat(paris.snomDst()).isEqualTo("3600 03.05.07 02:00:00 10.05.07 03:00:00");
    assertThat(paris.start().polycomDayOfWeek()).isEqualTo(1);
    assertThat(paris.start().last()).isTrue();
    assertThat(paris.ciscoName()).isEqualTo("Romance Standard/Daylight Time");
  }

  @Test
  void theUnitedStatesChangeOnTheSecondAndFirstSundays() {
    PhoneTimeZone newYork = zone("America/New_York");
    assertThat(newYork.standardOffsetSeconds()).isEqualTo(-5 * 3600);
    assertThat(newYork.start()).isEqualTo(new PhoneTimeZone.Change(3, 2, 7, 2 * 3600));
    assertThat(newYork.end()).isEqualTo(new PhoneTimeZone.Change(11, 1, 7, 2 * 3600));
    assertThat(newYork.posix()).isEqualTo("EST5EDT,M3.2.0/02:00:00,M11.1.0/02:00:00");
    assertThat(newYork.yealinkOffset()).isEqualTo("-5");
    assertThat(newYork.start().polycomDate()).isEqualTo(8);
    assertThat(newYork.end().polycomDate()).isEqualTo(1);
    assertThat(newYork.ciscoName()).isEqualTo("Eastern Standard/Daylight Time");
  }

  @Test
  void theSouthernHemisphereStartsInOctober() {
    PhoneTimeZone sydney = zone("Australia/Sydney");
    assertThat(sydney.standardOffsetSeconds()).isEqualTo(10 * 3600);
    assertThat(sydney.start()).isEqualTo(new PhoneTimeZone.Change(10, 1, 7, 2 * 3600));
    assertThat(sydney.end()).isEqualTo(new PhoneTimeZone.Change(4, 1, 7, 3 * 3600));
    // Melbourne is not in Cisco's list; Sydney has the same rules.
    assertThat(zone("Australia/Melbourne").ciscoName())
        .isEqualTo("AUS Eastern Standard/Daylight Time");
  }

  @Test
  void aZoneWithoutSummerTimeHasOnlyItsOffset() {
    PhoneTimeZone kolkata = zone("Asia/Kolkata");
    assertThat(kolkata.summerTime()).isFalse();
    assertThat(kolkata.yealinkOffset()).isEqualTo("+5:30");
    assertThat(kolkata.posix()).isEqualTo("IST-5:30");
    assertThat(kolkata.snomDst()).isEmpty();
    assertThat(kolkata.ciscoName()).isEqualTo("India Standard Time");
    assertThat(zone("Etc/UTC").posix()).isEqualTo("UTC0");
  }

  @Test
  void unlistedZonesTakeTheCiscoNameWithTheSameRulesOrTheSameOffset() {
    assertThat(zone("Europe/Rome").ciscoName()).isEqualTo("W. Europe Standard/Daylight Time");
    assertThat(zone("Europe/Dublin").ciscoName()).isEqualTo("GMT Standard/Daylight Time");
    // Mexico dropped summer time in 2022: a name without it, not Mexico's old one.
    assertThat(zone("America/Mexico_City").ciscoName()).isEqualTo("Canada Central Standard Time");
    assertThat(zone("America/Sao_Paulo").ciscoName()).isEqualTo("SA Eastern Standard Time");
    // No listed zone is 5:45 east of UTC.
    assertThat(zone("Asia/Kathmandu").ciscoName()).isEqualTo("Greenwich Standard Time");
  }
}
