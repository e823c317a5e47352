package dev.releasegate.api.v1alpha1;

import java.util.Optional;

/** What repeated query errors do. */
public enum ErrorPolicy {
  hold,
  rollback;

  /** The value a spec field names; absent means the first, the default. */
  public static Optional<ErrorPolicy> parse(String value) {
    return SpecValues.namedOr(values(), value, values()[0]);
  }
}
