package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.Reason;

/**
 * What a router reports is in force, read from its objects before a decision.
 *
 * @param stableVersion the version on the stable track, or null
 * @param candidateVersion the version on the candidate track, or null
 * @param candidateWeight the weight the router was last asked to give the candidate, or -1
 * @param effectiveWeight the share the candidate really gets (replica counts round weights)
 * @param settled whether what the router was asked for is fully in force (pods ready, routes
 *     accepted)
 * @param detail how the router realises it, for people (for example "1 of 4 pods"), or null
 * @param previousVersion the previous approved version the router keeps for a rollback, or null
 * @param previousPods how many pods it keeps of it, ready without traffic
 * @param blocked why the router cannot act at all, or null; it then reports nothing else
 */
public record TrafficState(
    String stableVersion,
    String candidateVersion,
    int candidateWeight,
    int effectiveWeight,
    boolean settled,
    String detail,
    String previousVersion,
    int previousPods,
    TrafficBlock blocked) {

  /** Nothing deployed yet. */
  public static final TrafficState NONE = new TrafficState(null, null, -1, 0, true, null, null, 0);

  /** A router that can act, with the previous version it keeps. */
  public TrafficState(
      String stableVersion,
      String candidateVersion,
      int candidateWeight,
      int effectiveWeight,
      boolean settled,
      String detail,
      String previousVersion,
      int previousPods) {
    this(
        stableVersion,
        candidateVersion,
        candidateWeight,
        effectiveWeight,
        settled,
        detail,
        previousVersion,
        previousPods,
        null);
  }

  /** A router that cannot act on the release, and why. */
  public static TrafficState blocked(TrafficBlock block) {
    return new TrafficState(null, null, -1, 0, false, block.message(), null, 0, block);
  }

  public static TrafficState blocked(Reason reason, String message) {
    return blocked(new TrafficBlock(reason, message));
  }

  /** No previous version kept. */
  public TrafficState(
      String stableVersion,
      String candidateVersion,
      int candidateWeight,
      int effectiveWeight,
      boolean settled,
      String detail) {
    this(
        stableVersion,
        candidateVersion,
        candidateWeight,
        effectiveWeight,
        settled,
        detail,
        null,
        0);
  }

  /** Whether the router cannot act on the release at all. */
  public boolean isBlocked() {
    return blocked != null;
  }

  /** Whether the candidate runs at exactly the requested weight and is ready. */
  public boolean inForce(String version, int weight) {
    return settled && version.equals(candidateVersion) && candidateWeight == weight;
  }
}
