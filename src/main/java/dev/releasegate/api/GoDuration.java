package dev.releasegate.api;

import java.time.Duration;
import java.util.Optional;

/** Durations as Kubernetes users write them (10m, 1h30m), which java.time does not parse. */
public final class GoDuration {
  private GoDuration() {}

  /** The duration a value names, zero included ("0s" switches a period off). */
  public static Optional<Duration> parseAllowingZero(String value) {
    if (value != null && value.matches("0+(\\.0+)?(ns|us|µs|ms|s|m|h)")) {
      return Optional.of(Duration.ZERO);
    }
    return parse(value);
  }

  /** The duration a value names, or empty when it is not a positive Go duration. */
  public static Optional<Duration> parse(String value) {
    try {
      Duration parsed = io.fabric8.kubernetes.api.model.Duration.parse(value).getDuration();
      return parsed.isNegative() || parsed.isZero() ? Optional.empty() : Optional.of(parsed);
    } catch (RuntimeException | java.text.ParseException e) {
      return Optional.empty();
    }
  }
}
