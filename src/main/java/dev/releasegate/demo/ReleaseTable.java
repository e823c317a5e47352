package dev.releasegate.demo;

import java.util.ArrayList;
import java.util.List;

/** Lays rows out as an aligned table that fits the terminal's width. */
final class ReleaseTable {
  private static final List<String> HEADERS =
      List.of(
          "NAMESPACE",
          "NAME",
          "PHASE",
          "STABLE",
          "CANARY",
          "WEIGHT",
          "GATES",
          "ANALYSIS",
          "LAST EVENT");

  private ReleaseTable() {}

  static String render(List<ReleaseRow> rows, int width) {
    List<List<String>> cells = new ArrayList<>();
    cells.add(HEADERS);
    for (ReleaseRow r : rows) {
      cells.add(
          List.of(
              r.namespace(),
              r.name(),
              r.phase(),
              r.stable(),
              r.canary(),
              r.weight(),
              r.gates(),
              r.analysis(),
              r.lastEvent()));
    }
    int columns = HEADERS.size();
    int[] widths = new int[columns];
    for (List<String> line : cells) {
      for (int c = 0; c < columns - 1; c++) {
        widths[c] = Math.max(widths[c], line.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> line : cells) {
      StringBuilder text = new StringBuilder();
      for (int c = 0; c < columns - 1; c++) {
        text.append(pad(line.get(c), widths[c])).append("  ");
      }
      text.append(line.get(columns - 1));
      out.append(fit(text.toString(), width)).append('\n');
    }
    return out.toString();
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }

  private static String fit(String line, int width) {
    return line.length() <= width
        ? line.stripTrailing()
        : line.substring(0, Math.max(0, width - 1)) + "…";
  }
}
