package dev.releasegate.analysis;

/**
 * Answers one metric query. Implementations never throw: a failure to ask is an error measurement,
 * so analysis can count it against the metric's consecutive error limit.
 */
public interface MetricProvider {
  Measurement measure(MetricQuery query);
}
