package dev.releasegate.api.v1alpha1;

import java.util.Arrays;
import java.util.Optional;

/**
 * Reads enumerated spec fields. They are strings in the API classes so that a typo is reported by
 * the operator with the field's name rather than failing to deserialise the whole release.
 */
final class SpecValues {
  private SpecValues() {}

  /** The constant a value names exactly, if any. */
  static <E extends Enum<E>> Optional<E> named(E[] values, String value) {
    return Arrays.stream(values).filter(v -> v.name().equals(value)).findFirst();
  }

  /** Like {@link #named}, with an absent value meaning the default. */
  static <E extends Enum<E>> Optional<E> namedOr(E[] values, String value, E absent) {
    return value == null ? Optional.of(absent) : named(values, value);
  }
}
