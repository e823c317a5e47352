package dev.releasegate.lifecycle;

import java.time.Duration;
import java.util.Optional;

/** Durations as Kubernetes users write them (10m, 1h30m), which java.time does not parse. */
public final class GoDuration {
  private GoDuration() {}

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
