package dev.releasegate.api.v1alpha1;

import java.util.Optional;

/** When a metric is watched. */
public enum AnalysisWindow {
  canary,
  observation,
  both;

  /** The value a spec field names; absent means the first, the default. */
  public static Optional<AnalysisWindow> parse(String value) {
    return SpecValues.namedOr(values(), value, values()[0]);
  }
}
