package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.Reason;
import dev.releasegate.api.v1alpha1.SignoffRecord;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which of a decision's acts the audit trail keeps: what people did (sign, skip a pause, pause,
 * resume, retry, pull the kill switch) and what the operator decided that changes what serves
 * (rollbacks, promotions, a gate taking traffic away). Progress that changes nothing people answer
 * for (a canary step, a rehearsal) is left to Events and the canary history.
 */
final class AuditActs {
  /** The Event reasons that are acts. */
  static final Set<Reason> KEPT =
      EnumSet.of(
          Reason.KillSwitch,
          Reason.KillSwitchIgnored,
          Reason.AnalysisFailed,
          Reason.RehearsalFailed,
          Reason.ObservationBreach,
          Reason.PauseSkipped,
          Reason.Retry,
          Reason.GateClosed,
          Reason.CanaryRestarted,
          Reason.CandidateWithdrawn,
          Reason.Promoted,
          Reason.Released);

  static final String SIGNED = "Signed";
  static final String WITHDRAWN = "Withdrawn";
  static final String PAUSED = "Paused";
  static final String RESUMED = "Resumed";

  private AuditActs() {}

  /** Sign-offs given since the last decision, and those taken away with none in their place. */
  static List<AuditEntry> signoffs(Draft d) {
    List<AuditEntry> acts = new ArrayList<>();
    List<SignoffRecord> before = d.previous.getSignoffs();
    List<SignoffRecord> now = d.status.getSignoffs();
    for (SignoffRecord signed : now) {
      // A record is completed later (bound to a digest once its evidence is read): the same
      // sign-off is the same role, version, signer and first sighting.
      if (before.stream().noneMatch(r -> sameSignoff(r, signed))) {
        acts.add(
            new AuditEntry(
                d.exactly,
                SIGNED,
                signed.version(),
                signed.by(),
                signed.role()
                    + " signed off "
                    + signed.version()
                    + (signed.digest() == null ? "" : " at packet digest " + signed.digest())
                    + "."));
      }
    }
    for (SignoffRecord gone : before) {
      if (now.stream().noneMatch(r -> r.role().equals(gone.role()))) {
        acts.add(
            new AuditEntry(
                d.exactly,
                WITHDRAWN,
                gone.version(),
                null,
                "The "
                    + gone.role()
                    + " sign-off of "
                    + gone.version()
                    + " by "
                    + gone.by()
                    + " was withdrawn."));
      }
    }
    return acts;
  }

  private static boolean sameSignoff(SignoffRecord a, SignoffRecord b) {
    return a.role().equals(b.role())
        && a.version().equals(b.version())
        && a.by().equals(b.by())
        && a.seenAt().equals(b.seenAt());
  }

  /**
   * A pause that began or ended in this decision. Who paused is the pause's by=; who resumed is the
   * by= of the value that turned it off ({@code false; by=...}), or no one when it was removed.
   */
  static List<AuditEntry> pause(Draft d, String version) {
    boolean wasPaused = isPause(d.previous.getPhase(), d.previous.getReason());
    boolean isPaused = isPause(d.status.getPhase(), d.status.getReason());
    String value = d.annotations.annotations().get(ReleaseAnnotations.PAUSE);
    String by = value == null ? null : ReleaseAnnotations.by(value).orElse(null);
    if (isPaused && !wasPaused) {
      return List.of(new AuditEntry(d.exactly, PAUSED, version, by, d.status.getMessage()));
    }
    if (wasPaused && !isPaused && !d.annotations.paused()) {
      return List.of(
          new AuditEntry(d.exactly, RESUMED, version, by, "Resumed: " + d.status.getMessage()));
    }
    return List.of();
  }

  private static boolean isPause(Phase phase, String reason) {
    return phase == Phase.Paused && Reason.PauseAnnotation.name().equals(reason);
  }
}
