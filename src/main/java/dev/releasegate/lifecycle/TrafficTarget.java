package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.ModelSpec;

/**
 * The traffic a decision asks for: the stable version, the candidate and the candidate's share, and
 * the previous approved version kept warm for a fast rollback. A router turns it into objects
 * (replica counts, route weights) and reports back what is in force.
 *
 * @param stable the approved version that carries the rest of the traffic; null when none exists
 * @param candidate the version under release; null when only the stable serves
 * @param candidateWeight the candidate's percentage of traffic, 0..100
 * @param replicas how many pods carry full traffic; null keeps what runs now (an invalid spec
 *     cannot say)
 * @param previous the approved version before the stable one, kept ready without traffic; null when
 *     there is none or its observation period is over
 * @param previousReplicas how many pods the previous version keeps, where the router can keep them
 *     out of traffic
 * @param rollback whether the candidate is being rolled back: it gets no traffic, keeps no pods,
 *     and the stable version takes everything at once, with whatever of it is ready (its model may
 *     carry only the version, as nothing will be rendered from it)
 */
public record TrafficTarget(
    ModelSpec stable,
    ModelSpec candidate,
    int candidateWeight,
    Integer replicas,
    ModelSpec previous,
    int previousReplicas,
    boolean rollback) {

  /** No previous version kept. */
  public TrafficTarget(
      ModelSpec stable, ModelSpec candidate, int candidateWeight, Integer replicas) {
    this(stable, candidate, candidateWeight, replicas, null, 0, false);
  }

  /** All traffic back on {@code stable} at once; {@code rolledBack} keeps none and no pods. */
  public static TrafficTarget rollback(ModelSpec stable, ModelSpec rolledBack, Integer replicas) {
    return new TrafficTarget(stable, rolledBack, 0, replicas, null, 0, true);
  }

  /** Only the stable version serves. */
  public static TrafficTarget stableOnly(ModelSpec stable, Integer replicas) {
    return new TrafficTarget(stable, null, 0, replicas);
  }

  /** The same traffic, with the previous approved version kept ready. */
  public TrafficTarget keeping(ModelSpec previousVersion, int warmReplicas) {
    return new TrafficTarget(
        stable, candidate, candidateWeight, replicas, previousVersion, warmReplicas, rollback);
  }
}
