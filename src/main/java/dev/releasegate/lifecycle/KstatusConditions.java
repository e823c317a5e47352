package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.ModelReleaseStatus;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.Reason;
import dev.releasegate.api.v1alpha1.StatusCondition;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The three conditions GitOps tools read (kstatus): Ready when the approved version serves what the
 * spec asks; Reconciling while the operator is working towards it on its own (traffic moving, a
 * pause counting down, a rehearsal, a metric source it keeps asking); Stalled when it cannot get
 * there without a person: an invalid spec, a rollback, a router that cannot act, and a release
 * waiting on people (sign-offs, evidence, a promote, a pause annotation, a change freeze).
 *
 * <p>Waiting on people is Stalled, not Reconciling, on purpose: kstatus reads Reconciling=True as
 * "in progress", so a Flux Kustomization that waits for its objects would wait out its timeout
 * while a release waits days for a sign-off, and report a timeout instead of the reason. Stalled
 * makes Flux stop waiting at once and report the message; it neither times out nor reports success.
 * The release's phase still says which kind of hold it is. A condition's lastTransitionTime moves
 * only when its status flips.
 */
final class KstatusConditions {
  static final String READY = "Ready";
  static final String RECONCILING = "Reconciling";
  static final String STALLED = "Stalled";

  private static final Set<Phase> READY_PHASES = EnumSet.of(Phase.Promoted, Phase.Released);
  private static final Set<Phase> STALLED_PHASES = EnumSet.of(Phase.Invalid, Phase.RolledBack);
  private static final Set<Phase> HOLDING_PHASES = EnumSet.of(Phase.AwaitingGates, Phase.Paused);

  private KstatusConditions() {}

  static List<StatusCondition> of(
      ModelReleaseStatus status, ModelReleaseStatus previous, Instant now, boolean stuck) {
    Phase phase = status.getPhase();
    boolean stalled = stuck || STALLED_PHASES.contains(phase) || waitsOnPeople(status);
    boolean ready = !stalled && READY_PHASES.contains(phase);
    return List.of(
        condition(READY, ready, status, previous, now),
        condition(RECONCILING, !ready && !stalled, status, previous, now),
        condition(STALLED, stalled, status, previous, now));
  }

  /**
   * Waiting for gates, or held at a step: by people or a freeze, for every reason but a metric
   * source that does not answer, which the operator keeps asking (a reason it does not know,
   * written by another version of it, counts as waiting on people: the safe side for a GitOps
   * tool).
   */
  private static boolean waitsOnPeople(ModelReleaseStatus status) {
    return HOLDING_PHASES.contains(status.getPhase())
        && !Reason.AnalysisError.name().equals(status.getReason());
  }

  private static StatusCondition condition(
      String type,
      boolean value,
      ModelReleaseStatus status,
      ModelReleaseStatus previous,
      Instant now) {
    String flag = value ? "True" : "False";
    String since =
        previous.getConditions().stream()
            .filter(c -> type.equals(c.type()) && flag.equals(c.status()))
            .map(StatusCondition::lastTransitionTime)
            .findFirst()
            .orElse(Draft.time(now));
    // The message says what is happening; only the condition that is true carries it.
    return new StatusCondition(
        type,
        flag,
        status.getReason(),
        value ? status.getMessage() : null,
        status.getObservedGeneration(),
        since);
  }
}
