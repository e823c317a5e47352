package dev.releasegate.gate;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.ArtifactType;
import dev.releasegate.api.v1alpha1.GateId;
import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.PacketArtifact;
import dev.releasegate.api.v1alpha1.PacketSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the release packet holds every artifact the checklist requires, each one evidence a
 * reviewer can trace: a non-empty ConfigMap key whose content matches any declared digest, or a URL
 * recorded with the digest reviewers saw. If the evidence is missing, the answer is no.
 */
public final class PacketGate {

  private PacketGate() {}

  /**
   * Evaluates the gate: each required artifact that is absent, unreadable, empty or does not match
   * its digest is named in {@code missing}; a broken artifact that is not required is noted in
   * {@code stale} and does not block.
   *
   * @param required the artifact types the checklist requires of this release
   * @param packet spec.packet; may be null
   * @param evidence what was read from the ConfigMaps the packet names
   */
  public static GateStatus evaluate(
      List<ArtifactType> required, PacketSpec packet, Evidence evidence) {
    LinkedHashSet<ArtifactType> types = new LinkedHashSet<>(required);
    List<String> missing = new ArrayList<>();
    for (ArtifactType type : types) {
      Optional<PacketArtifact> artifact = EvidenceRefs.artifact(packet, type);
      if (artifact.isEmpty()) {
        missing.add(type + ": not in spec.packet.artifacts");
      } else {
        problem(artifact.get(), evidence).ifPresent(p -> missing.add(type + ": " + p));
      }
    }
    List<String> stale = new ArrayList<>();
    for (PacketArtifact artifact : EvidenceRefs.artifacts(packet)) {
      Optional<ArtifactType> type = ArtifactType.parse(artifact.type());
      if (type.isEmpty()) {
        stale.add(
            (artifact.type() == null ? "(no type)" : artifact.type())
                + ": not an artifact type, so it counts for nothing (check the spelling)");
      } else if (!types.contains(type.get())) {
        problem(artifact, evidence).ifPresent(p -> stale.add(artifact.type() + ": " + p));
      }
    }
    boolean satisfied = missing.isEmpty();
    String reason;
    if (types.isEmpty()) {
      reason = "The checklist requires no packet artifacts for this release.";
    } else if (satisfied) {
      reason =
          "All "
              + Sentences.count(types.size(), "required artifact")
              + " are present and match their digests.";
    } else {
      reason =
          "The release packet is incomplete ("
              + missing.size()
              + " of "
              + Sentences.count(types.size(), "required artifact")
              + " do not count): "
              + String.join("; ", missing)
              + ".";
    }
    return new GateStatus(GateId.PACKET.id(), satisfied, reason, missing, stale);
  }

  /** Why an artifact does not count as evidence, or empty when it does. */
  static Optional<String> problem(PacketArtifact artifact, Evidence evidence) {
    boolean inCluster = artifact.configMapKeyRef() != null;
    boolean elsewhere = artifact.url() != null && !artifact.url().isBlank();
    if (inCluster && elsewhere) {
      return Optional.of("names both a configMapKeyRef and a url; keep the one that holds it");
    }
    if (!inCluster && !elsewhere) {
      return Optional.of("names neither a configMapKeyRef nor a url");
    }
    if (elsewhere) {
      // The operator never fetches a URL; the digest is what ties it to what reviewers saw.
      return blank(artifact.sha256())
          ? Optional.of(
              "url "
                  + artifact.url()
                  + " has no sha256, and a URL counts only with the digest reviewers saw")
          : Optional.empty();
    }
    EvidenceDocument document = evidence.at(artifact.configMapKeyRef());
    if (document.content() == null) {
      return Optional.of(
          Sentences.fragment(document.problem(), artifact.configMapKeyRef() + " was not read"));
    }
    if (document.content().isBlank()) {
      return Optional.of(artifact.configMapKeyRef() + " is empty");
    }
    if (blank(artifact.sha256())) {
      return Optional.empty();
    }
    String actual = document.sha256() != null ? document.sha256() : sha256(document.content());
    return artifact.sha256().strip().equalsIgnoreCase(actual)
        ? Optional.empty()
        : Optional.of(
            "sha256 "
                + abbreviated(artifact.sha256())
                + " declared, content is "
                + abbreviated(actual));
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /** The first 12 hex digits: enough for a person to tell two digests apart. */
  private static String abbreviated(String digest) {
    String hex = digest.strip().toLowerCase(Locale.ROOT);
    return hex.length() <= 12 ? hex : hex.substring(0, 12) + "\u2026";
  }

  /** Only when the reader did not record the digest; the reader's digest covers binaryData too. */
  private static String sha256(String content) {
    return ObjectNames.digest(content);
  }
}
