package io.voxhost.cti.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FigureRowsTest {

  private static final Instant MONTH_START = Instant.parse("2024-03-01T00:00:00Z");
  private static final Instant MONTH_END = Instant.parse("2024-04-01T00:00:00Z");

  @Test
  void hoursServeWholeHourRangesInWholeHourZones() {
    // Berlin changes its offset on 31 March: still whole hours.
    assertThat(FigureRows.hourly("day", MONTH_START, MONTH_END, ZoneId.of("Europe/Berlin")))
        .isTrue();
    assertThat(FigureRows.hourly("hour", MONTH_START, MONTH_END, ZoneId.of("UTC"))).isTrue();
  }

  @Test
  void quartersServeEverythingElse() {
    assertThat(FigureRows.hourly("15m", MONTH_START, MONTH_END, ZoneId.of("UTC"))).isFalse();
    assertThat(FigureRows.hourly("hour", MONTH_START.plusSeconds(900), MONTH_END, ZoneId.of("UTC")))
        .isFalse();
    assertThat(FigureRows.hourly("day", MONTH_START, MONTH_END, ZoneId.of("Asia/Kolkata")))
        .isFalse();
    // Lord Howe Island moves by half an hour, on 7 April and 6 October.
    assertThat(
            FigureRows.hourly(
                "day",
                Instant.parse("2024-04-01T00:00:00Z"),
                Instant.parse("2024-05-01T00:00:00Z"),
                ZoneId.of("Australia/Lord_Howe")))
        .isFalse();
  }
}
