package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.ApprovedVersion;
import dev.releasegate.api.v1alpha1.ServingVersion;
import dev.releasegate.gate.GateReport;
import dev.releasegate.gate.Requirements;
import dev.releasegate.gate.Signoff;
import dev.releasegate.gate.SignoffBinding;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The gates of the version the spec names, evaluated against the policy and written to status. */
final class Gates {
  private Gates() {}

  /**
   * Evaluates the spec's version against the policy. The set of gates is one through a version's
   * life, so the GATES column's total does not move: a version after the first also has the change
   * freeze and, where the policy asks, the rollback rehearsal, before and after its promotion.
   */
  static GateReport evaluate(Draft d) {
    Requirements requirements = d.policy.requirements(d.spec);
    Optional<ApprovedVersion> baseline = baseline(d);
    SignoffBinding binding = new SignoffBinding(d.digest, d.status.getSignoffs());
    GateReport gates =
        GateReport.evaluate(
            new GateReport.Inputs(
                d.spec, requirements, signoffsInForce(d, binding), binding, d.evidence, baseline));
    if (baseline.isPresent()) {
      gates = gates.with(ChangeFreeze.gate(d));
      if (Rehearsal.required(d.spec, requirements)) {
        gates = gates.with(Rehearsal.gate(d));
      }
    }
    d.status.setGates(gates.gates());
    d.status.setGateSummary(gates.summary());
    return gates;
  }

  /**
   * The annotations the gates read. For the approved version itself (after its promotion, or when
   * git reverts to it) a sign-off it was approved with stays given when a later version's sign-off
   * overwrites its annotation: its gates read as they did when it was approved, and the GATES
   * column does not drop for a version that serves. They count for the packet as it is now: they
   * were checked against the digest when the version was promoted (their records, with it, are in
   * the packet record), and the serving version is approved already. Only read, never written back.
   */
  private static Map<String, String> signoffsInForce(Draft d, SignoffBinding binding) {
    Map<String, String> annotations = d.annotations.annotations();
    ServingVersion stable = d.status.getStable();
    if (stable == null || !stable.version().equals(d.spec.model().version())) {
      return annotations;
    }
    Map<String, String> inForce = new HashMap<>(annotations);
    d.status.getHistory().stream()
        .filter(v -> v.version().equals(stable.version()) && v.signoffs() != null)
        .findFirst()
        .ifPresent(
            approved ->
                approved.signoffs().stream()
                    .flatMap(r -> Signoff.fromRecord(r, stable.version()).stream())
                    .filter(s -> !approvesStable(annotations, s, binding))
                    .map(s -> s.naming(d.digest.digest()).annotation())
                    .forEach(a -> inForce.put(a.getKey(), a.getValue())));
    return inForce;
  }

  private static boolean approvesStable(
      Map<String, String> annotations, Signoff approved, SignoffBinding binding) {
    String current = annotations.get(approved.annotation().getKey());
    return Signoff.parse(approved.role(), current)
        .filter(s -> s.approves(approved.version()))
        .filter(s -> binding.stale(s).isEmpty())
        .isPresent();
  }

  /**
   * The approved version the spec's version is compared with: for a candidate, the stable one; for
   * the stable version itself, the one it replaced; none for a release's first version.
   */
  private static Optional<ApprovedVersion> baseline(Draft d) {
    ServingVersion stable = d.status.getStable();
    if (stable == null) {
      return Optional.empty();
    }
    if (!stable.version().equals(d.spec.model().version())) {
      return d.status.getHistory().stream()
          .filter(v -> v.version().equals(stable.version()))
          .findFirst();
    }
    // History is newest first: the first approved before the stable one is what it replaced.
    return d.status.getHistory().stream()
        .filter(v -> !v.version().equals(stable.version()))
        .filter(v -> v.approvedAt().isBefore(stable.approvedAt()))
        .findFirst();
  }
}
