package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.CanaryHistory;
import dev.releasegate.api.v1alpha1.CanarySpec;
import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.ModelSpec;
import dev.releasegate.api.v1alpha1.Owner;
import dev.releasegate.api.v1alpha1.PacketArtifact;
import dev.releasegate.api.v1alpha1.PacketDigestStatus;
import dev.releasegate.api.v1alpha1.RehearsalStatus;
import dev.releasegate.api.v1alpha1.SignoffRecord;
import dev.releasegate.gate.Evidence;
import dev.releasegate.gate.EvidenceDocument;
import dev.releasegate.gate.MetricComparison;
import dev.releasegate.gate.Requirements;
import java.time.Instant;
import java.util.List;

/**
 * How a version's release was decided, written once when it is promoted and never again: the audit
 * trail a reviewer reads a year later. Stored as an immutable ConfigMap named {@link #name}.
 *
 * @param name the ConfigMap's name
 * @param release the ModelRelease's name
 * @param namespace its namespace
 * @param model the promoted model
 * @param systemType the system type it was released as
 * @param riskTier its risk tier
 * @param handlesPersonalData whether it handles personal data
 * @param promotedAt when it became the approved version
 * @param policy which checklist policy applied
 * @param requirements what that policy required of it
 * @param owners the owners named
 * @param packetDigest the packet digest at promotion, with its parts: what every counted sign-off
 *     approved (each sign-off's own digest and parts are in {@code signoffs})
 * @param signoffs the sign-offs for this version, with when each was first seen
 * @param artifacts the evidence, with the digests the operator computed
 * @param gates every gate as it stood at promotion
 * @param evaluationBaseline the approved version it was compared with, if any
 * @param evaluation the metric comparisons
 * @param canaryPlan the canary plan, as spec.canary gave it at promotion (records written before
 *     the canary history was kept name it {@code canary})
 * @param canaryHistory what actually happened in the canary, step by step: when each step's traffic
 *     was in force and ended, how it ended and who skipped a pause, what its metrics measured;
 *     empty for a first version, which rolls out in full
 * @param rehearsal the rollback rehearsal, when there was one
 * @param auditTrail the ConfigMap that keeps who signed, skipped, paused, retried and pulled the
 *     kill switch on the way to this promotion, and every rollback since
 */
public record PacketRecord(
    String name,
    String release,
    String namespace,
    ModelSpec model,
    String systemType,
    String riskTier,
    boolean handlesPersonalData,
    Instant promotedAt,
    String policy,
    Requirements requirements,
    List<Owner> owners,
    PacketDigestStatus packetDigest,
    List<SignoffRecord> signoffs,
    List<ArtifactEntry> artifacts,
    List<GateStatus> gates,
    String evaluationBaseline,
    List<MetricComparison> evaluation,
    CanarySpec canaryPlan,
    CanaryHistory canaryHistory,
    RehearsalStatus rehearsal,
    String auditTrail) {

  /** One piece of evidence as it was at promotion. */
  public record ArtifactEntry(String type, String source, String sha256, String declaredSha256) {

    static ArtifactEntry of(PacketArtifact artifact, Evidence evidence) {
      if (artifact.configMapKeyRef() != null) {
        EvidenceDocument document = evidence.at(artifact.configMapKeyRef());
        return new ArtifactEntry(
            artifact.type(),
            artifact.configMapKeyRef().toString(),
            document.sha256(),
            artifact.sha256());
      }
      return new ArtifactEntry(
          artifact.type(), artifact.url(), artifact.sha256(), artifact.sha256());
    }
  }
}
