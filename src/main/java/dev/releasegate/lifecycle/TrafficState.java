package dev.releasegate.lifecycle;

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
 */
public record TrafficState(
    String stableVersion,
    String candidateVersion,
    int candidateWeight,
    int effectiveWeight,
    boolean settled,
    String detail,
    String previousVersion,
    int previousPods) {

  /** Nothing deployed yet. */
  public static final TrafficState NONE = new TrafficState(null, null, -1, 0, true, null, null, 0);

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

  /** Whether the candidate runs at exactly the requested weight and is ready. */
  public boolean inForce(String version, int weight) {
    return settled && version.equals(candidateVersion) && candidateWeight == weight;
  }
}
