package dev.releasegate.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Kubernetes users write them (10m, 1h30m, 0.5h), which java.time does not parse.
 * Written by hand: Fabric8's parser drops the sign and the digits before a decimal point (0.5h
 * reads as 5h, -5m as 5m), and no other library on the classpath reads Go durations. It accepts
 * exactly the language of the CRD's pattern for durations, {@link #PATTERN}: no sign, a decimal
 * fraction only after a digit, one of Go's units after every number; decimals are exact to the
 * nanosecond.
 */
public final class GoDuration {
  /** The CRD's pattern for a duration field; this parser accepts exactly what it matches. */
  public static final String PATTERN = "^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$";

  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");
  private static final Map<String, Long> NANOS_PER_UNIT =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "µs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  /** Go's own limit: a duration is a signed 64-bit count of nanoseconds. */
  private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

  private GoDuration() {}

  /** The duration a value names, zero included ("0s" switches a period off). */
  public static Optional<Duration> parseAllowingZero(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    Matcher part = PART.matcher(value);
    BigDecimal nanos = BigDecimal.ZERO;
    int at = 0;
    while (at < value.length()) {
      if (!part.find(at) || part.start() != at) {
        return Optional.empty();
      }
      nanos =
          nanos.add(
              new BigDecimal(part.group(1))
                  .multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(part.group(2)))));
      at = part.end();
    }
    // Below a nanosecond is truncated, as Go does.
    BigInteger whole = nanos.toBigInteger();
    if (whole.compareTo(MAX_NANOS) > 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(whole.longValueExact()));
  }

  /** The duration a value names, or empty when it is not a positive Go duration. */
  public static Optional<Duration> parse(String value) {
    return parseAllowingZero(value).filter(d -> !d.isZero());
  }
}
