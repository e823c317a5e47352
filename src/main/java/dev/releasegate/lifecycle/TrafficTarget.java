package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.ModelSpec;

/**
 * The traffic a decision asks for: the stable version, the candidate and the candidate's share. A
 * router turns it into objects (replica counts, route weights) and reports back what is in force.
 *
 * @param stable the approved version that carries the rest of the traffic; null when none exists
 * @param candidate the version under release; null when only the stable serves
 * @param candidateWeight the candidate's percentage of traffic, 0..100
 * @param replicas how many pods carry full traffic; null keeps what runs now (an invalid spec
 *     cannot say)
 */
public record TrafficTarget(
    ModelSpec stable, ModelSpec candidate, int candidateWeight, Integer replicas) {

  /** Only the stable version serves. */
  public static TrafficTarget stableOnly(ModelSpec stable, Integer replicas) {
    return new TrafficTarget(stable, null, 0, replicas);
  }
}
