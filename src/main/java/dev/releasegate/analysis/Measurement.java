package dev.releasegate.analysis;

/**
 * What one query answered: a number, no data, or an error. No data (no series, NaN, infinity) is
 * never read as 0: a signal that stopped is not a healthy signal.
 */
public record Measurement(MetricQuery query, Kind kind, Double value, String detail) {

  /** The three answers a query can give. */
  public enum Kind {
    VALUE,
    NO_DATA,
    ERROR
  }

  public static Measurement value(MetricQuery query, double value) {
    return Double.isFinite(value)
        ? new Measurement(query, Kind.VALUE, value, null)
        : noData(query, "the query returned " + value);
  }

  public static Measurement noData(MetricQuery query, String why) {
    return new Measurement(query, Kind.NO_DATA, null, why);
  }

  public static Measurement error(MetricQuery query, String why) {
    return new Measurement(query, Kind.ERROR, null, why);
  }
}
