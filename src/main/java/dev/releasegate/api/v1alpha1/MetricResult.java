package dev.releasegate.api.v1alpha1;

import java.util.Arrays;
import java.util.Optional;

/** What one measurement said, as {@code status.analysis.metrics[].lastResult} names it. */
public enum MetricResult {
  /** A value within the threshold. */
  Success,
  /** A value outside the threshold. */
  Failure,
  /** The query returned nothing (no series, NaN, an infinity); onNoData decides what it counts. */
  NoData,
  /** The metric source did not answer, or answered with an error. */
  Error;

  /** The result a status names, if it is one of these. */
  public static Optional<MetricResult> of(String name) {
    return Arrays.stream(values()).filter(r -> r.name().equals(name)).findFirst();
  }
}
