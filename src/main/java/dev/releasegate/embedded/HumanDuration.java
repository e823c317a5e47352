package dev.releasegate.embedded;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The compact ages kubectl users know ("42s", "3m12s", "5h", "12d"), following the thresholds of
 * apimachinery's {@code HumanDuration}. Written by hand: no Java library formats durations this
 * way.
 */
final class HumanDuration {

  private HumanDuration() {}

  /** The age of an RFC 3339 {@code timestamp} at {@code now}, or "&lt;invalid&gt;". */
  static String since(String timestamp, Instant now) {
    try {
      return format(Duration.between(Instant.parse(timestamp), now));
    } catch (DateTimeParseException e) {
      return "<invalid>";
    }
  }

  /** A duration as kubectl shows ages; "&lt;invalid&gt;" when more than a second negative. */
  static String format(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      return withRemainder(minutes, "m", seconds % 60, "s");
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      return withRemainder(hours, "h", minutes % 60, "m");
    }
    if (hours < 48) {
      return hours + "h";
    }
    long days = hours / 24;
    if (hours < 24 * 8) {
      return withRemainder(days, "d", hours % 24, "h");
    }
    if (days < 365 * 2) {
      return days + "d";
    }
    long years = days / 365;
    return days < 365 * 8 ? withRemainder(years, "y", days % 365, "d") : years + "y";
  }

  private static String withRemainder(long major, String majorUnit, long minor, String minorUnit) {
    return minor == 0 ? major + majorUnit : major + majorUnit + minor + minorUnit;
  }
}
