package dev.releasegate.api.v1alpha1;

import java.util.Optional;

/** Which provider measures a metric. */
public enum MetricProviderKind {
  prometheus,
  http;

  /** The value a spec field names; absent means the first, the default. */
  public static Optional<MetricProviderKind> parse(String value) {
    return SpecValues.namedOr(values(), value, values()[0]);
  }
}
