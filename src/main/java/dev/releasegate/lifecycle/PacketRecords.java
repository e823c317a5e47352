package dev.releasegate.lifecycle;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.PacketArtifact;
import dev.releasegate.api.v1alpha1.RiskTier;
import dev.releasegate.gate.GateReport;
import java.util.List;

/** Assembles a promoted version's packet record from the decision that promotes it. */
final class PacketRecords {
  private PacketRecords() {}

  static PacketRecord of(Draft d, GateReport gates) {
    ModelReleaseSpec spec = d.spec;
    String version = spec.model().version();
    List<PacketArtifact> artifacts =
        spec.packet() == null || spec.packet().artifacts() == null
            ? List.of()
            : spec.packet().artifacts();
    return new PacketRecord(
        ObjectNames.packetRecord(d.name(), version),
        d.name(),
        d.release.getMetadata().getNamespace(),
        spec.model(),
        spec.systemType(),
        RiskTier.parse(spec.riskTier()).orElse(RiskTier.STANDARD).value(),
        spec.personalData(),
        d.now,
        d.policy.source(),
        d.policy.requirements(spec),
        spec.owners() == null ? List.of() : spec.owners(),
        d.status.getPacketDigest(),
        d.status.getSignoffs().stream().filter(s -> s.version().equals(version)).toList(),
        artifacts.stream().map(a -> PacketRecord.ArtifactEntry.of(a, d.evidence)).toList(),
        gates.gates(),
        d.status.getStable() == null ? null : d.status.getStable().version(),
        gates.evaluation().comparisons(),
        spec.canary(),
        StepRecords.of(d),
        d.status.getRehearsal() != null && version.equals(d.status.getRehearsal().version())
            ? d.status.getRehearsal()
            : null,
        ObjectNames.auditTrail(d.name()));
  }
}
