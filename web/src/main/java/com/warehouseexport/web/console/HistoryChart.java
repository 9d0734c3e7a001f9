package com.warehouseexport.web.console;

import java.util.List;
import java.util.Locale;

/**
 * A small inline SVG chart of the last executions, drawn on the server: bars for rows written (left
 * scale), a line for the duration in seconds (right scale). Only numbers and fixed text go into the
 * markup, so it is safe to render unescaped.
 */
public final class HistoryChart {

  /** One execution in the chart, oldest first. */
  public record Point(long executionId, long rows, double seconds, boolean failed) {}

  static final int WIDTH = 640;
  static final int HEIGHT = 200;
  private static final int TOP = 16;
  private static final int BOTTOM = 36;

  /**
   * How one drawing is laid out: its width in user units (the height is always {@link #HEIGHT}),
   * its side margins for the scale labels, and how many execution labels fit under the bars.
   */
  private record Shape(int width, int left, int right, String style, String idSuffix, int labels) {}

  /** For wide boxes: drawn about 1:1 or larger, every execution labelled. */
  private static final Shape WIDE = new Shape(WIDTH, 56, 56, "chart chart-wide", "", 25);

  /**
   * For phones (the page shows it below 600 px instead of the wide one): a box about 300 px wide
   * would shrink the wide drawing's 11 px labels to 5 px, so this one is drawn at that width, with
   * a label under every few bars.
   */
  private static final Shape NARROW = new Shape(300, 44, 44, "chart chart-narrow", "-narrow", 4);

  private HistoryChart() {}

  /** The chart for wide boxes. */
  public static String svg(List<Point> points) {
    return svg(points, WIDE);
  }

  /** The chart for phones (labels readable in a box about 300 px wide). */
  public static String narrowSvg(List<Point> points) {
    return svg(points, NARROW);
  }

  private static String svg(List<Point> points, Shape shape) {
    int width = shape.width();
    int left = shape.left();
    int right = shape.right();
    String title = "chart-title" + shape.idSuffix();
    String desc = "chart-desc" + shape.idSuffix();
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"")
        .append(shape.style())
        .append("\" role=\"img\"")
        .append(" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(HEIGHT)
        .append("\" aria-labelledby=\"")
        .append(title)
        .append(' ')
        .append(desc)
        .append("\">");
    svg.append("<title id=\"")
        .append(title)
        .append("\">Rows and duration of the last ")
        .append(points.size())
        .append(points.size() == 1 ? " export" : " exports")
        .append("</title>");
    svg.append("<desc id=\"").append(desc).append("\">");
    for (Point p : points) {
      svg.append("Export ")
          .append(p.executionId())
          .append(": ")
          .append(p.rows())
          .append(" rows, ")
          .append(num(p.seconds()))
          .append(" s. ");
    }
    svg.append("</desc>");
    int plotW = width - left - right;
    int plotH = HEIGHT - TOP - BOTTOM;
    long maxRows = Math.max(1, points.stream().mapToLong(Point::rows).max().orElse(1));
    double maxSeconds = Math.max(1, points.stream().mapToDouble(Point::seconds).max().orElse(1));
    // axes and scale labels
    svg.append(line(left, TOP + plotH, left + plotW, TOP + plotH, "axis"));
    svg.append(text(left - 6, TOP + 4, "end", "axis-label rows-label", Formats.count(maxRows)));
    svg.append(text(left - 6, TOP + plotH, "end", "axis-label rows-label", "0"));
    svg.append(
        text(
            left + plotW + 6,
            TOP + 4,
            "start",
            "axis-label duration-label",
            num(maxSeconds) + " s"));
    svg.append(text(left + plotW + 6, TOP + plotH, "start", "axis-label duration-label", "0 s"));
    svg.append(line(left, TOP, left + plotW, TOP, "grid"));
    svg.append(line(left, TOP + plotH / 2.0, left + plotW, TOP + plotH / 2.0, "grid"));
    if (points.isEmpty()) {
      svg.append(text(left + plotW / 2.0, TOP + plotH / 2.0, "middle", "empty", "No exports yet"));
      return svg.append("</svg>").toString();
    }
    double slot = (double) plotW / points.size();
    int labelEvery = Math.max(1, (int) Math.ceil(points.size() / (double) shape.labels()));
    double barW = Math.min(40, slot * 0.6);
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      double cx = left + slot * i + slot / 2;
      double h = plotH * (double) p.rows() / maxRows;
      svg.append("<rect class=\"bar")
          .append(p.failed() ? " failed" : "")
          .append("\" x=\"")
          .append(num(cx - barW / 2))
          .append("\" y=\"")
          .append(num(TOP + plotH - h))
          .append("\" width=\"")
          .append(num(barW))
          .append("\" height=\"")
          .append(num(h))
          .append("\"/>");
      if ((points.size() - 1 - i) % labelEvery == 0) {
        svg.append(text(cx, TOP + plotH + 16, "middle", "axis-label", "#" + p.executionId()));
      }
      double y = TOP + plotH - plotH * p.seconds() / maxSeconds;
      path.append(i == 0 ? "M" : " L").append(num(cx)).append(' ').append(num(y));
    }
    svg.append("<path class=\"duration\" d=\"").append(path).append("\"/>");
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      double cx = left + slot * i + slot / 2;
      double y = TOP + plotH - plotH * p.seconds() / maxSeconds;
      svg.append("<circle class=\"duration-dot\" cx=\"")
          .append(num(cx))
          .append("\" cy=\"")
          .append(num(y))
          .append("\" r=\"3.5\"/>");
    }
    return svg.append("</svg>").toString();
  }

  private static String line(double x1, double y1, double x2, double y2, String cls) {
    return "<line class=\""
        + cls
        + "\" x1=\""
        + num(x1)
        + "\" y1=\""
        + num(y1)
        + "\" x2=\""
        + num(x2)
        + "\" y2=\""
        + num(y2)
        + "\"/>";
  }

  private static String text(double x, double y, String anchor, String cls, String content) {
    return "<text class=\""
        + cls
        + "\" x=\""
        + num(x)
        + "\" y=\""
        + num(y)
        + "\" text-anchor=\""
        + anchor
        + "\">"
        + content.replace("&", "&amp;").replace("<", "&lt;")
        + "</text>";
  }

  private static String num(double v) {
    if (v == Math.rint(v)) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
