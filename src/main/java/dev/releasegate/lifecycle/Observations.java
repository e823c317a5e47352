package dev.releasegate.lifecycle;

import dev.releasegate.analysis.Measurement;
import dev.releasegate.gate.Evidence;
import java.util.List;

/**
 * What the reconciler read before a decision: the traffic in force and the evidence the spec points
 * at (both from caches), and what the metric providers answered for the analysis due now.
 */
public record Observations(
    TrafficState traffic, Evidence evidence, List<Measurement> measurements) {

  public Observations {
    measurements = List.copyOf(measurements);
  }

  /** Traffic and evidence, with no measurement due. */
  public Observations(TrafficState traffic, Evidence evidence) {
    this(traffic, evidence, List.of());
  }
}
