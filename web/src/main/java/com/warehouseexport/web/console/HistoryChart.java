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
  private static final int LEFT = 56;
  private static final int RIGHT = 56;
  private static final int TOP = 16;
  private static final int BOTTOM = 36;

  private HistoryChart() {}

  public static String svg(List<Point> points) {
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\"")
        .append(" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" aria-labelledby=\"chart-title chart-desc\">");
    svg.append("<title id=\"chart-title\">Rows and duration of the last ")
        .append(points.size())
        .append(points.size() == 1 ? " export" : " exports")
        .append("</title>");
    svg.append("<desc id=\"chart-desc\">");
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
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    long maxRows = Math.max(1, points.stream().mapToLong(Point::rows).max().orElse(1));
    double maxSeconds = Math.max(1, points.stream().mapToDouble(Point::seconds).max().orElse(1));
    // axes and scale labels
    svg.append(line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "axis"));
    svg.append(text(LEFT - 6, TOP + 4, "end", "axis-label rows-label", Formats.count(maxRows)));
    svg.append(text(LEFT - 6, TOP + plotH, "end", "axis-label rows-label", "0"));
    svg.append(
        text(
            LEFT + plotW + 6,
            TOP + 4,
            "start",
            "axis-label duration-label",
            num(maxSeconds) + " s"));
    svg.append(text(LEFT + plotW + 6, TOP + plotH, "start", "axis-label duration-label", "0 s"));
    svg.append(line(LEFT, TOP, LEFT + plotW, TOP, "grid"));
    svg.append(line(LEFT, TOP + plotH / 2.0, LEFT + plotW, TOP + plotH / 2.0, "grid"));
    if (points.isEmpty()) {
      svg.append(text(LEFT + plotW / 2.0, TOP + plotH / 2.0, "middle", "empty", "No exports yet"));
      return svg.append("</svg>").toString();
    }
    double slot = (double) plotW / points.size();
    double barW = Math.min(40, slot * 0.6);
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      double cx = LEFT + slot * i + slot / 2;
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
      svg.append(text(cx, TOP + plotH + 16, "middle", "axis-label", "#" + p.executionId()));
      double y = TOP + plotH - plotH * p.seconds() / maxSeconds;
      path.append(i == 0 ? "M" : " L").append(num(cx)).append(' ').append(num(y));
    }
    svg.append("<path class=\"duration\" d=\"").append(path).append("\"/>");
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      double cx = LEFT + slot * i + slot / 2;
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
