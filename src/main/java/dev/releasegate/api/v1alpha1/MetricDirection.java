package dev.releasegate.api.v1alpha1;

import java.util.Optional;

/** Which way a metric improves. */
public enum MetricDirection {
  higherIsBetter,
  lowerIsBetter;

  /** The direction a spec value names, if it names one exactly. */
  public static Optional<MetricDirection> parse(String value) {
    return SpecValues.named(values(), value);
  }
}
