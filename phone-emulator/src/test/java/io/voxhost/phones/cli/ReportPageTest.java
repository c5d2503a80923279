package io.voxhost.phones.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.phones.service.PhaseStats;
import io.voxhost.phones.service.RecordingVerification;
import io.voxhost.phones.service.Report;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The HTML report: each phase's charts and figures, the verdict, and nothing unescaped. */
class ReportPageTest {

  private static PhaseStats.Delays delays(double p95) {
    return new PhaseStats.Delays(10, p95 / 2, p95, p95 * 1.5, p95 * 2);
  }

  private static PhaseStats.Summary storm() {
    return new PhaseStats.Summary(
        "boot-storm",
        3.2,
        200,
        198,
        2,
        Map.of("register-timeout", 2L),
        delays(120),
        new PhaseStats.Calls(0, 0, 0, 0, new PhaseStats.Media(0, 0, 0), delays(0), delays(0)),
        new PhaseStats.Buckets(
            1,
            new long[] {150, 50, 0, 0},
            new long[] {100, 90, 8, 0},
            new long[4],
            new long[] {0, 0, 0, 2}));
  }

  @Test
  void eachPhaseHasItsRatesFailuresAndDelaysAndAHostileFindingIsEscaped() throws Exception {
    RecordingVerification.Result verified =
        new RecordingVerification.Result(
            5,
            5,
            4,
            1000,
            10,
            990,
            9,
            List.of(
                new RecordingVerification.Finding(
                    "r1", "c1", "not read: HTTP 500 <script>alert(1)</script>")));
    Report r =
        Report.of(
            200,
            "tftp",
            "2026-12-06T00:00:00Z",
            List.of(storm()),
            Optional.empty(),
            Optional.of(verified),
            0,
            2000);
    String html = new ReportPage().render(r);
    assertThat(html).contains("<h2 id=\"boot-storm\">boot-storm</h2>");
    assertThat(html).contains("boot-storm: events a second").contains("<polyline");
    assertThat(html).contains("boot-storm: failures by kind").contains(">register-timeout<");
    assertThat(html).contains("registration request p95").contains(">120 ms<");
    assertThat(html).contains("class=\"missed\"");
    assertThat(html).contains("4 passed");
    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)");
  }

  @Test
  void roundNumbersTopTheAxis() {
    assertThat(Plot.roundUp(7)).isEqualTo(10);
    assertThat(Plot.roundUp(120)).isEqualTo(200);
    assertThat(Plot.roundUp(2000)).isEqualTo(2000);
    assertThat(Plot.roundUp(0.3)).isEqualTo(0.5);
  }
}
