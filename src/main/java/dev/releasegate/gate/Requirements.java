package dev.releasegate.gate;

import dev.releasegate.api.v1alpha1.ArtifactType;
import dev.releasegate.api.v1alpha1.OwnerRole;
import java.time.Duration;
import java.util.List;

/**
 * What the checklist requires of one release, resolved from the policy for its system type, risk
 * tier and data.
 *
 * @param owners the roles that must have a named, reachable owner
 * @param signBeforeTraffic the roles that sign before any user traffic reaches the candidate
 * @param signBeforePromotion the roles that sign before the candidate gets all traffic
 * @param artifacts the evidence the packet must hold
 * @param actionApprovalPaths whether every scope action needs an approval path (agents)
 * @param minCanarySteps the fewest canary steps a plan may have
 * @param minStepPause the shortest timed pause a step before the last may have
 * @param rollbackRehearsal whether the rollback is rehearsed before promotion
 */
public record Requirements(
    List<OwnerRole> owners,
    List<OwnerRole> signBeforeTraffic,
    List<OwnerRole> signBeforePromotion,
    List<ArtifactType> artifacts,
    boolean actionApprovalPaths,
    int minCanarySteps,
    Duration minStepPause,
    boolean rollbackRehearsal) {

  /** The roles that sign at a stage. */
  public List<OwnerRole> signers(SignoffStage stage) {
    return stage == SignoffStage.BEFORE_TRAFFIC ? signBeforeTraffic : signBeforePromotion;
  }
}
