package dev.releasegate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasegate.api.v1alpha1.ArtifactType;
import dev.releasegate.api.v1alpha1.ConfigMapKey;
import dev.releasegate.api.v1alpha1.GateId;
import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.PacketArtifact;
import dev.releasegate.api.v1alpha1.PacketSpec;
import dev.releasegate.gate.SecurityFinding.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the security findings log shows no path the checklist says must stop a launch. Security
 * approval blocks when a test exposed a path to private data, unauthorized action or hidden system
 * instructions, until the fix is in place and retested; any other critical or high finding blocks
 * until it is retested or its risk accepted. Medium, low and info findings never block.
 */
public final class FindingsGate {

  private FindingsGate() {}

  /**
   * Evaluates the gate against the packet's securityFindings artifact, which must be a ConfigMap
   * key holding {@code {"findings": [...]}} or a bare array: a log the operator cannot read cannot
   * show that nothing blocks.
   *
   * @param packet spec.packet; may be null
   * @param evidence what was read from the ConfigMaps the packet names
   */
  public static GateStatus evaluate(PacketSpec packet, Evidence evidence) {
    Optional<PacketArtifact> artifact =
        EvidenceRefs.artifact(packet, ArtifactType.securityFindings);
    if (artifact.isEmpty()) {
      return shut(
          "no securityFindings artifact in spec.packet.artifacts: add the findings log from a"
              + " ConfigMap");
    }
    ConfigMapKey ref = artifact.get().configMapKeyRef();
    if (ref == null) {
      String url = artifact.get().url();
      return shut(
          url == null || url.isBlank()
              ? "the securityFindings artifact names no configMapKeyRef, so there is no log to"
                  + " assess"
              : "the securityFindings artifact is only a url ("
                  + url
                  + "), which the operator does not fetch, so its findings cannot be assessed: put"
                  + " the log in a ConfigMap and name it with configMapKeyRef");
    }
    EvidenceDocument document = evidence.at(ref);
    if (document.content() == null) {
      return shut(
          "the findings log cannot be read: "
              + Sentences.fragment(document.problem(), ref + " was not read"));
    }
    EvidenceJson.Parsed parsed = EvidenceJson.parse(document.content());
    if (!parsed.ok()) {
      return shut("the findings log in " + ref + " " + parsed.problem());
    }
    JsonNode list = parsed.tree().isArray() ? parsed.tree() : parsed.tree().get("findings");
    if (list == null || !list.isArray()) {
      return shut(
          "the findings log in "
              + ref
              + " is neither {\"findings\": [...]} nor a JSON array of findings");
    }
    List<SecurityFinding> findings = new ArrayList<>();
    list.forEach(entry -> findings.add(SecurityFinding.from(entry)));
    return assess(findings, ref);
  }

  private static GateStatus assess(List<SecurityFinding> findings, ConfigMapKey ref) {
    if (findings.isEmpty()) {
      return new GateStatus(
          GateId.SECURITY_FINDINGS.id(),
          true,
          "No findings recorded in the log at " + ref + ": it exists, and nothing blocks.",
          List.of(),
          List.of());
    }
    List<String> missing = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    boolean retestable = false;
    boolean acceptable = false;
    boolean unassessable = false;
    for (int i = 0; i < findings.size(); i++) {
      SecurityFinding finding = findings.get(i);
      if (!finding.assessable()) {
        unassessable = true;
        String name =
            finding.id() == null || finding.id().isBlank() ? "finding #" + (i + 1) : finding.id();
        missing.add(name + " cannot be assessed: " + String.join(", and ", finding.problems()));
      } else if (finding.blocks()) {
        retestable = true;
        acceptable |= finding.riskMayBeAccepted();
        missing.add(finding.describe());
      } else if (finding.severe() && finding.statusValue() == Status.accepted) {
        // Reviewers should see a serious risk that ships unfixed, even though it does not block.
        stale.add(finding.describe() + ": risk accepted, not fixed");
      }
    }
    if (missing.isEmpty()) {
      return new GateStatus(
          GateId.SECURITY_FINDINGS.id(),
          true,
          "No finding blocks launch: " + tally(findings) + " in the log at " + ref + ".",
          List.of(),
          stale);
    }
    List<String> remedies = new ArrayList<>();
    if (retestable) {
      remedies.add(
          "fix and retest each one, then mark it verified"
              + (acceptable ? " (a critical or high finding may instead be risk-accepted)" : ""));
    }
    if (unassessable) {
      remedies.add("correct the entries that cannot be assessed");
    }
    String reason =
        Sentences.count(missing.size(), "security finding")
            + (missing.size() == 1 ? " blocks" : " block")
            + " launch: "
            + String.join("; ", missing)
            + "; "
            + String.join(", and ", remedies)
            + ".";
    return new GateStatus(GateId.SECURITY_FINDINGS.id(), false, reason, missing, stale);
  }

  /** "5 findings (2 open, 1 fixed, 2 verified)", in the order a finding moves through. */
  private static String tally(List<SecurityFinding> findings) {
    List<String> counts = new ArrayList<>();
    for (Status status : Status.values()) {
      long n = findings.stream().filter(f -> f.statusValue() == status).count();
      if (n > 0) {
        counts.add(n + " " + status);
      }
    }
    return Sentences.count(findings.size(), "finding") + " (" + String.join(", ", counts) + ")";
  }

  private static GateStatus shut(String problem) {
    return new GateStatus(
        GateId.SECURITY_FINDINGS.id(),
        false,
        "Security findings cannot be assessed: " + problem + ".",
        List.of("securityFindings: " + problem),
        List.of());
  }
}
