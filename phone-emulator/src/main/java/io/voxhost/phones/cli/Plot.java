package io.voxhost.phones.cli;

import java.util.List;
import java.util.Locale;

/**
 * The report page's charts as inline SVG, drawn from numbers alone (no script, no fetch): a line
 * chart of counts a second, and a bar chart of labelled values.
 */
final class Plot {

  /** One line of a line chart: counts in buckets of equal width. */
  record Line(String name, String color, long[] counts) {}

  /** One bar of a bar chart. */
  record Bar(String label, double value) {}

  private static final int WIDTH = 640;
  private static final int HEIGHT = 220;
  private static final int LEFT = 56;
  private static final int RIGHT = 12;
  private static final int TOP = 40;
  private static final int BOTTOM = 30;

  private Plot() {}

  /**
   * Lines of rates a second over a phase, from counts in buckets of {@code bucket} seconds; the y
   * axis from 0 to a round number above the highest.
   */
  static String lines(String title, double bucket, List<Line> lines) {
    int buckets = lines.stream().mapToInt(l -> l.counts().length).max().orElse(1);
    double seconds = buckets * bucket;
    long highest =
        lines.stream().flatMapToLong(l -> java.util.Arrays.stream(l.counts())).max().orElse(0);
    double top = roundUp(Math.max(1, highest / bucket));
    StringBuilder svg = open(title);
    axes(svg, top, "per second");
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    for (int t = 0; t <= 4; t++) {
      double x = LEFT + plotW * t / 4;
      double at = seconds * t / 4.0;
      svg.append(
          text(
              x,
              HEIGHT - 10,
              "middle",
              fmt(seconds < 10 ? Math.round(at * 10) / 10.0 : Math.round(at)) + " s"));
    }
    int legendX = LEFT + 8;
    for (Line l : lines) {
      if (java.util.Arrays.stream(l.counts()).allMatch(v -> v == 0)) {
        continue;
      }
      StringBuilder points = new StringBuilder();
      long[] v = l.counts();
      for (int i = 0; i < v.length; i++) {
        // Each bucket's rate at its middle.
        double x = LEFT + plotW * (i + 0.5) / buckets;
        double y = TOP + plotH - plotH * (v[i] / bucket) / top;
        points.append(num(x)).append(',').append(num(y)).append(' ');
      }
      svg.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"")
          .append(l.color())
          .append("\" points=\"")
          .append(points.toString().trim())
          .append("\"/>");
      svg.append("<rect x=\"").append(legendX).append("\" y=\"").append(TOP - 16);
      svg.append("\" width=\"10\" height=\"3\" fill=\"").append(l.color()).append("\"/>");
      svg.append(text(legendX + 14, TOP - 12, "start", l.name()));
      legendX += 14 + 7 * l.name().length() + 16;
    }
    return svg.append("</svg>").toString();
  }

  /** Horizontal bars, one a label, scaled to the largest; each shows its value and unit. */
  static String bars(String title, List<Bar> bars, String unit) {
    int rowH = 18;
    int top = 24;
    int height = top + Math.max(1, bars.size()) * rowH + 10;
    int labelW = 200;
    double highest = bars.stream().mapToDouble(Bar::value).max().orElse(0);
    StringBuilder svg = open(title, height);
    double room = WIDTH - labelW - RIGHT - 90;
    int y = top;
    for (Bar b : bars) {
      double w = highest <= 0 ? 0 : room * b.value() / highest;
      svg.append(text(labelW - 6, y + 12, "end", b.label()));
      svg.append("<rect x=\"").append(labelW).append("\" y=\"").append(y + 2);
      svg.append("\" width=\"")
          .append(num(Math.max(w, 0.5)))
          .append("\" height=\"")
          .append(rowH - 5);
      svg.append("\" fill=\"#4a78b5\"/>");
      svg.append(text(labelW + w + 6, y + 12, "start", fmt(b.value()) + " " + unit));
      y += rowH;
    }
    return svg.append("</svg>").toString();
  }

  private static StringBuilder open(String title) {
    return open(title, HEIGHT);
  }

  private static StringBuilder open(String title, int height) {
    StringBuilder svg =
        new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
            .append(WIDTH)
            .append("\" height=\"")
            .append(height)
            .append("\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\"><title>")
            .append(escape(title))
            .append("</title>");
    svg.append(text(4, 14, "start", title).replace("<text ", "<text font-weight=\"bold\" "));
    return svg;
  }

  private static void axes(StringBuilder svg, double top, String unit) {
    double plotH = HEIGHT - TOP - BOTTOM;
    for (int t = 0; t <= 4; t++) {
      double y = TOP + plotH - plotH * t / 4;
      svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT);
      svg.append("\" y1=\"").append(num(y)).append("\" y2=\"").append(num(y));
      svg.append("\" stroke=\"").append(t == 0 ? "#888" : "#ddd").append("\"/>");
      svg.append(text(LEFT - 4, y + 4, "end", fmt(top * t / 4)));
    }
    svg.append(text(4, TOP - 12, "start", unit));
  }

  private static String text(double x, double y, String anchor, String s) {
    return "<text x=\""
        + num(x)
        + "\" y=\""
        + num(y)
        + "\" text-anchor=\""
        + anchor
        + "\">"
        + escape(s)
        + "</text>";
  }

  /** 1, 2 or 5 times a power of ten, at least {@code v}. */
  static double roundUp(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? String.format(Locale.ROOT, "%,d", (long) v)
        : String.format(Locale.ROOT, "%,.1f", v);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
