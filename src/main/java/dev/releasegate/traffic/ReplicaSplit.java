package dev.releasegate.traffic;

/**
 * How a weight becomes replica counts behind one Service. A weight between 0 and 100 always keeps
 * at least one pod of each version, so the stable never drops out before promotion and the
 * candidate never silently gets nothing; the share that results is reported as the effective
 * weight.
 */
public record ReplicaSplit(int stable, int candidate) {

  /** Splits {@code replicas} full-traffic pods for a candidate weight. */
  public static ReplicaSplit of(int replicas, int weight, boolean hasStable) {
    if (!hasStable) {
      return new ReplicaSplit(0, weight > 0 ? replicas : 0);
    }
    if (weight <= 0) {
      return new ReplicaSplit(replicas, 0);
    }
    if (weight >= 100) {
      return new ReplicaSplit(0, replicas);
    }
    int candidate = Math.max(1, Math.round(replicas * weight / 100f));
    int stable = Math.max(1, replicas - candidate);
    return new ReplicaSplit(stable, candidate);
  }

  /** The candidate's real share of traffic, in percent. */
  public int effectiveWeight() {
    int total = stable + candidate;
    return total == 0 ? 0 : Math.round(100f * candidate / total);
  }

  /** How people read it, naming which version has how many pods: "3 pods on 1.2.0, 1 on 1.3.0". */
  public String describe(String stableVersion, String candidateVersion) {
    String onStable = pods(stable) + " on " + stableVersion;
    return candidateVersion == null
        ? onStable + ", no candidate"
        : stableVersion == null
            ? pods(candidate) + " on " + candidateVersion
            : onStable + ", " + candidate + " on " + candidateVersion;
  }

  private static String pods(int count) {
    return count + (count == 1 ? " pod" : " pods");
  }
}
