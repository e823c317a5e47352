package dev.releasegate.lifecycle;

import dev.releasegate.gate.Evidence;

/**
 * What the reconciler read before a decision, from caches only: the traffic in force and the
 * evidence the spec points at.
 */
public record Observations(TrafficState traffic, Evidence evidence) {

  /** Traffic alone, for releases whose evidence does not matter to the question asked. */
  public static Observations of(TrafficState traffic) {
    return new Observations(traffic, Evidence.NONE);
  }
}
