package io.voxhost.phones.cli;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.RawString;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.ValueResolver;
import io.quarkus.qute.Variant;
import io.voxhost.phones.service.PhaseStats;
import io.voxhost.phones.service.Report;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one HTML page (Qute, every value escaped; the charts are inline SVG drawn from the
 * numbers): the verdict and what missed, then each phase with its rates a second, its failures by
 * kind, its RFC 6076 delays' percentiles and its recorded calls' RTP, then the verification pass.
 */
final class ReportPage {

  /** A phase and its charts. */
  public record PhaseView(
      PhaseStats.Summary s,
      RawString rates,
      RawString failures,
      RawString delays,
      RawString media) {}

  private final Template template;

  ReportPage() throws IOException {
    Engine engine =
        Engine.builder()
            .addDefaults()
            .addValueResolver(new ReflectionValueResolver())
            // {x.fixed}: a measure with one decimal, as the report's tables show them.
            .addValueResolver(
                ValueResolver.builder()
                    .applyToBaseClass(Double.class)
                    .applyToName("fixed")
                    .resolveSync(c -> String.format(Locale.ROOT, "%.1f", (Double) c.getBase()))
                    .build())
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .build();
    try (InputStream in = ReportPage.class.getResourceAsStream("/templates/phones-report.html")) {
      if (in == null) {
        throw new IOException("the report template is missing from the jar");
      }
      template =
          engine.parse(
              new String(in.readAllBytes(), StandardCharsets.UTF_8),
              Variant.forContentType(Variant.TEXT_HTML));
    }
  }

  String render(Report report) {
    List<PhaseView> phases = new ArrayList<>();
    for (PhaseStats.Summary s : report.phases()) {
      phases.add(view(s));
    }
    return template.data(Map.of("r", report, "phases", phases)).render();
  }

  void write(Report report, Path file) throws IOException {
    Files.writeString(file, render(report));
  }

  private static PhaseView view(PhaseStats.Summary s) {
    PhaseStats.Buckets p = s.timeline();
    String rates =
        Plot.lines(
            s.phase() + ": events a second",
            p.bucketSeconds(),
            List.of(
                new Plot.Line("fetched", "#6a9f3a", p.fetched()),
                new Plot.Line("registered", "#4a78b5", p.registered()),
                new Plot.Line("calls completed", "#8a5cb5", p.completed()),
                new Plot.Line("failed", "#c0392b", p.failed())));
    String failures =
        s.failures().isEmpty()
            ? ""
            : Plot.bars(
                s.phase() + ": failures by kind",
                s.failures().entrySet().stream()
                    .map(e -> new Plot.Bar(e.getKey(), e.getValue()))
                    .toList(),
                "");
    List<Plot.Bar> delays = new ArrayList<>();
    add(delays, "registration request", s.registrationRequestDelayMs());
    add(delays, "redirect (302)", s.calls().redirectDelayMs());
    add(delays, "session request", s.calls().sessionSetupDelayMs());
    String delayPlot =
        delays.isEmpty() ? "" : Plot.bars(s.phase() + ": delays (RFC 6076)", delays, "ms");
    PhaseStats.Media m = s.calls().media();
    String media =
        m.recordings() == 0
            ? ""
            : Plot.bars(
                s.phase() + ": RTP of recorded calls",
                List.of(
                    new Plot.Bar("packets sent", m.rtpPacketsSent()),
                    new Plot.Bar("packets dropped (loss)", m.rtpPacketsDropped())),
                "");
    // The charts are drawn from numbers and escape their labels (Plot): they go out as they are.
    return new PhaseView(
        s,
        new RawString(rates),
        new RawString(failures),
        new RawString(delayPlot),
        new RawString(media));
  }

  private static void add(List<Plot.Bar> bars, String name, PhaseStats.Delays d) {
    if (d.count() == 0) {
      return;
    }
    bars.add(new Plot.Bar(name + " p50", round(d.p50())));
    bars.add(new Plot.Bar(name + " p95", round(d.p95())));
    bars.add(new Plot.Bar(name + " p99", round(d.p99())));
  }

  private static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }
}
