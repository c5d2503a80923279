package io.voxhost.tftp.service;

import io.quarkus.qute.TemplateData;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;

/**
 * An IANA time zone as phones take it: a standard offset and, where the zone keeps summer time by a
 * yearly rule, when it starts and ends, in each vendor's notation. Phones know neither IANA names
 * nor the tz database, so each file spells the rule out (Cisco alone wants a name from its own
 * list, found by {@link CiscoTimeZones}).
 *
 * @param id the IANA id the device was given
 * @param standardOffsetSeconds east of UTC, outside summer time
 * @param savingSeconds added during summer time; 0 when the zone has none
 * @param start when summer time starts, or null
 * @param end when summer time ends, or null
 * @param ciscoName the name from Cisco's list with the same rules
 */
@TemplateData
public record PhoneTimeZone(
    String id,
    int standardOffsetSeconds,
    int savingSeconds,
    Change start,
    Change end,
    String ciscoName) {

  /**
   * A yearly change of the clock, in the local time in force just before it.
   *
   * @param month 1..12
   * @param week 1..4 for the first to fourth {@code dayOfWeek} of the month, 5 for the last
   * @param dayOfWeek ISO: 1 Monday .. 7 Sunday
   * @param secondOfDay local time before the change, seconds after midnight (may reach 24:00)
   */
  @TemplateData
  public record Change(int month, int week, int dayOfWeek, int secondOfDay) {

    public int hour() {
      return secondOfDay / 3600;
    }

    public boolean last() {
      return week == 5;
    }

    /** Yealink's "DST by week": {@code month/week/day/hour}, Monday = 1. */
    public String yealink() {
      return month + "/" + week + "/" + dayOfWeek + "/" + hour();
    }

    /** POSIX TZ {@code Mm.w.d/hh:mm:ss}, Sunday = 0. */
    public String posix() {
      return "M" + month + "." + week + "." + (dayOfWeek % 7) + "/" + clock(secondOfDay);
    }

    /** Polycom: the first day of the month on which the search for the weekday starts. */
    public int polycomDate() {
      return week == 5 ? 1 : 1 + 7 * (week - 1);
    }

    /** Polycom: Sunday = 1 .. Saturday = 7. */
    public int polycomDayOfWeek() {
      return dayOfWeek % 7 + 1;
    }

    /** Snom: {@code MM.WW.DD hh:mm:ss}, week 05 the last, Monday = 01. */
    public String snom() {
      return String.format(
          Locale.ROOT, "%02d.%02d.%02d %s", month, week, dayOfWeek, clock(secondOfDay));
    }
  }

  public boolean summerTime() {
    return start != null;
  }

  /**
   * Yealink's {@code local_time.time_zone}: hours east of UTC, {@code +5:30}, {@code -8}, {@code
   * 0}.
   */
  public String yealinkOffset() {
    int minutes = Math.abs(standardOffsetSeconds) / 60;
    String sign = standardOffsetSeconds > 0 ? "+" : standardOffsetSeconds < 0 ? "-" : "";
    return sign + minutes / 60 + (minutes % 60 == 0 ? "" : ":" + pad(minutes % 60));
  }

  public int savingMinutes() {
    return savingSeconds / 60;
  }

  /**
   * A POSIX TZ string ({@code CET-1CEST,M3.5.0/02:00:00,M10.5.0/03:00:00}): offsets are west of
   * UTC, as POSIX has them. Grandstream's self-defined zone takes it.
   */
  public String posix() {
    ZoneId zone = ZoneId.of(id);
    String standard = abbreviation(zone, false, "STD");
    StringBuilder out = new StringBuilder(standard).append(posixOffset(standardOffsetSeconds));
    if (summerTime()) {
      out.append(abbreviation(zone, true, "DST"));
      if (savingSeconds != 3600) {
        out.append(posixOffset(standardOffsetSeconds + savingSeconds));
      }
      out.append(',').append(start.posix()).append(',').append(end.posix());
    }
    return out.toString();
  }

  /** Snom's {@code dst}: saving seconds, then start and end as {@link Change#snom()}. */
  public String snomDst() {
    return summerTime() ? savingSeconds + " " + start.snom() + " " + end.snom() : "";
  }

  /**
   * The zone's rules as they stand at {@code now}. A yearly rule on "the first weekday on or after
   * a day" that is not the 1st, 8th, 15th or 22nd (a handful of zones, Israel's among them) is
   * given as the week that day falls in; a rule on a fixed date as the week and weekday that date
   * has this year. Zones whose changes follow no yearly rule get their standard offset only.
   */
  public static PhoneTimeZone of(String id, Instant now, CiscoTimeZones cisco) {
    PhoneTimeZone zone = withoutCiscoName(id, now);
    return new PhoneTimeZone(
        zone.id,
        zone.standardOffsetSeconds,
        zone.savingSeconds,
        zone.start,
        zone.end,
        cisco.nameFor(zone, now));
  }

  /** The same zone without Cisco's name: what {@link CiscoTimeZones} compares. */
  static PhoneTimeZone withoutCiscoName(String id, Instant now) {
    ZoneRules rules = ZoneId.of(id).getRules();
    int standard = rules.getStandardOffset(now).getTotalSeconds();
    List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
    ZoneOffsetTransitionRule on = null;
    ZoneOffsetTransitionRule off = null;
    for (ZoneOffsetTransitionRule rule : yearly) {
      if (rule.getOffsetAfter().getTotalSeconds() > rule.getOffsetBefore().getTotalSeconds()) {
        on = rule;
      } else {
        off = rule;
      }
    }
    if (on == null || off == null) {
      return new PhoneTimeZone(id, standard, 0, null, null, null);
    }
    int saving = on.getOffsetAfter().getTotalSeconds() - on.getOffsetBefore().getTotalSeconds();
    int year = LocalDate.ofInstant(now, ZoneOffset.UTC).getYear();
    return new PhoneTimeZone(id, standard, saving, change(on, year), change(off, year), null);
  }

  private static Change change(ZoneOffsetTransitionRule rule, int year) {
    int month = rule.getMonth().getValue();
    int indicator = rule.getDayOfMonthIndicator();
    DayOfWeek day = rule.getDayOfWeek();
    int week;
    if (day == null) {
      LocalDate date = LocalDate.of(year, month, indicator > 0 ? indicator : 1);
      if (indicator < 0) {
        date = date.withDayOfMonth(date.lengthOfMonth() + 1 + indicator);
      }
      day = date.getDayOfWeek();
      week = Math.min(5, (date.getDayOfMonth() - 1) / 7 + 1);
    } else if (indicator < 0 || indicator + 6 >= rule.getMonth().maxLength()) {
      week = 5; // the tz database's "lastSun" in March is "Sun>=25": the last of the month
    } else {
      week = Math.min(5, (indicator - 1) / 7 + 1);
    }
    int second = rule.getLocalTime().toSecondOfDay() + (rule.isMidnightEndOfDay() ? 86400 : 0);
    int before = rule.getOffsetBefore().getTotalSeconds();
    int standard = rule.getStandardOffset().getTotalSeconds();
    second +=
        switch (rule.getTimeDefinition()) {
          case UTC -> before;
          case STANDARD -> before - standard;
          case WALL -> 0;
        };
    return new Change(month, week, day.getValue(), second);
  }

  private static String abbreviation(ZoneId zone, boolean summer, String fallback) {
    java.util.TimeZone legacy = java.util.TimeZone.getTimeZone(zone);
    String name = legacy.getDisplayName(summer, java.util.TimeZone.SHORT, Locale.ROOT);
    // POSIX names are three or more letters; "GMT+05:30" and the like are not names.
    return name.matches("[A-Za-z]{3,}") ? name : fallback;
  }

  private static String posixOffset(int eastSeconds) {
    int west = -eastSeconds;
    String sign = west < 0 ? "-" : "";
    int s = Math.abs(west);
    String out = sign + s / 3600;
    if (s % 3600 != 0) {
      out += ":" + pad(s % 3600 / 60);
      if (s % 60 != 0) {
        out += ":" + pad(s % 60);
      }
    }
    return out;
  }

  private static String clock(int seconds) {
    return pad(seconds / 3600) + ":" + pad(seconds % 3600 / 60) + ":" + pad(seconds % 60);
  }

  private static String pad(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }
}
