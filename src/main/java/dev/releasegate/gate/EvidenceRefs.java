package dev.releasegate.gate;

import dev.releasegate.api.v1alpha1.ArtifactType;
import dev.releasegate.api.v1alpha1.ConfigMapKey;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.PacketArtifact;
import dev.releasegate.api.v1alpha1.PacketSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Where a spec's evidence lives: what the reconciler must read before the gates can decide. */
public final class EvidenceRefs {
  private EvidenceRefs() {}

  /** Every ConfigMap key the spec refers to. */
  public static Set<ConfigMapKey> of(ModelReleaseSpec spec) {
    Set<ConfigMapKey> refs = new LinkedHashSet<>();
    artifacts(spec.packet()).stream()
        .map(PacketArtifact::configMapKeyRef)
        .filter(Objects::nonNull)
        .forEach(refs::add);
    evaluationReport(spec).ifPresent(refs::add);
    return refs;
  }

  /** The packet's first artifact of a type, if the spec lists one. */
  public static Optional<PacketArtifact> artifact(PacketSpec packet, ArtifactType type) {
    return artifacts(packet).stream().filter(a -> type.name().equals(a.type())).findFirst();
  }

  /** The candidate's evaluation report: spec.evaluation.reportRef, else the evalReport artifact. */
  public static Optional<ConfigMapKey> evaluationReport(ModelReleaseSpec spec) {
    if (spec.evaluation() != null && spec.evaluation().reportRef() != null) {
      return Optional.of(spec.evaluation().reportRef());
    }
    return artifact(spec.packet(), ArtifactType.evalReport).map(PacketArtifact::configMapKeyRef);
  }

  static List<PacketArtifact> artifacts(PacketSpec packet) {
    return packet == null || packet.artifacts() == null ? List.of() : packet.artifacts();
  }
}
