package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.ApprovedVersion;
import dev.releasegate.api.v1alpha1.CanaryStepRecord;
import dev.releasegate.api.v1alpha1.ModelSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.ServingVersion;
import dev.releasegate.gate.GateReport;
import dev.releasegate.gate.SignoffGate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The candidate becomes the approved version: the end of a first rollout or of a canary's last
 * step, whichever rule gets there.
 */
final class Promotion {
  /** How many approved versions status keeps. */
  static final int HISTORY_LIMIT = 10;

  private Promotion() {}

  /** Makes the candidate the approved, stable version, and keeps the record of how. */
  static void apply(Draft d, GateReport gates) {
    ModelSpec candidate = d.spec.model();
    d.stepEnded(CanaryStepRecord.PROMOTED);
    PacketRecord record = PacketRecords.of(d, gates);
    List<ApprovedVersion> history = new ArrayList<>();
    history.add(
        new ApprovedVersion(
            candidate.version(),
            candidate.image(),
            candidate.uri(),
            d.now,
            SignoffGate.approving(d.spec, d.annotations.annotations()),
            gates.evaluation().candidate().orElse(null),
            record.name(),
            null));
    d.status.getHistory().stream()
        .filter(v -> !v.version().equals(candidate.version()))
        .limit(HISTORY_LIMIT - 1)
        .forEach(history::add);
    d.status.setHistory(history);
    ServingVersion replaced = d.status.getStable();
    d.status.setStable(ServingVersion.approve(candidate, d.now));
    d.status.setCanary(null);
    d.state(Phase.Promoted, new Sentence.Promoted(candidate.version(), null));
    d.event(new Sentence.Promoted(candidate.version(), record.name()));
    d.packetRecord(record);
    TrafficTarget serving = TrafficTarget.stableOnly(candidate, d.spec.replicasOrDefault());
    // The version it replaces is kept for the observation period, so a rollback is quick.
    d.traffic(
        replaced == null
            ? serving
            : serving.keeping(replaced.asModel(candidate.name()), Observation.warmReplicas(d)));
    // Promotion only relabels what runs, which brings no event back: look again at once, so the
    // observation period starts.
    d.requeueAfter(Duration.ZERO);
  }
}
