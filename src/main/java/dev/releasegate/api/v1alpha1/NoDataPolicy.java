package dev.releasegate.api.v1alpha1;

import java.util.Optional;

/** What a measurement without data means. */
public enum NoDataPolicy {
  hold,
  fail,
  pass;

  /** The value a spec field names; absent means the first, the default. */
  public static Optional<NoDataPolicy> parse(String value) {
    return SpecValues.namedOr(values(), value, values()[0]);
  }
}
