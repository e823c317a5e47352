package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.ApprovedVersion;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.Reason;
import dev.releasegate.gate.GateReport;

/**
 * What a lifecycle rule decided. Rules return one and never act on another rule's behalf: {@link
 * ReleaseDecider} settles it, so a rule reads as the decision it makes and none calls another.
 */
sealed interface Outcome {
  /**
   * The release is in {@code phase} for the reason {@code why} gives, with this traffic asked for
   * ({@code traffic} null: leave traffic exactly as it is).
   */
  record Hold(Phase phase, Sentence why, TrafficTarget traffic) implements Outcome {}

  /** The candidate becomes the approved version, on these gates. */
  record Promote(GateReport gates) implements Outcome {}

  /**
   * The candidate ({@code version}) loses all its traffic to the approved version, because of
   * {@code cause}; {@code trigger} is what set it off (a kill-switch reason, a measurement).
   */
  record RollBackCandidate(Reason cause, String version, String trigger, Advice advice)
      implements Outcome {}

  /** The promoted version hands all traffic back to the approved version before it. */
  record RollBackPromoted(Reason cause, ApprovedVersion previous, String trigger, Advice advice)
      implements Outcome {}

  /** What a rollback tells people to do next. */
  enum Advice {
    /** Retry the rolled-back version, or apply a new one. */
    TRY_AGAIN,
    /** Clear the kill switch, then retry, or apply a new version. */
    CLEAR_THEN_RETRY,
    /** Find out why the stable version was slow to take traffic back, then retry. */
    FIND_WHY_SLOW
  }
}
