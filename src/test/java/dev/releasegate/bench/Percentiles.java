package dev.releasegate.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** p50, p95, p99 and max of a sample, in milliseconds, nearest-rank. */
record Percentiles(int count, double p50, double p95, double p99, double max) {

  static Percentiles of(List<Double> millis) {
    if (millis.isEmpty()) {
      return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    return new Percentiles(
        sorted.size(),
        rank(sorted, 50),
        rank(sorted, 95),
        rank(sorted, 99),
        sorted.get(sorted.size() - 1));
  }

  private static double rank(List<Double> sorted, int percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
