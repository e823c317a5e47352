package dev.releasegate.gate;

import dev.releasegate.api.v1alpha1.ApprovedVersion;
import dev.releasegate.api.v1alpha1.GateId;
import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every gate a candidate version must pass, and which of them stand between it and any traffic and
 * which between it and promotion. Only the gates the policy requires of this release are listed, so
 * {@code 5/7} means what it says. Missing evidence means no.
 *
 * @param gates each required gate, in the order a reviewer would check them
 * @param evaluation the comparison with the last approved version's report, for the record
 */
public record GateReport(List<GateStatus> gates, EvaluationResult evaluation) {
  /**
   * What the gates are evaluated from.
   *
   * @param signoffs the current packet digest and what each sign-off was given against
   * @param baseline the approved version the candidate is compared with; empty for a first version
   */
  public record Inputs(
      ModelReleaseSpec spec,
      Requirements requirements,
      Map<String, String> annotations,
      SignoffBinding signoffs,
      Evidence evidence,
      Optional<ApprovedVersion> baseline) {

    /** A first version rolls out in full; it has no canary whose plan would matter yet. */
    boolean firstVersion() {
      return baseline.isEmpty();
    }
  }

  /** Evaluates every gate the policy requires for the spec's candidate version. */
  public static GateReport evaluate(Inputs in) {
    ModelReleaseSpec spec = in.spec();
    List<GateStatus> gates = new ArrayList<>();
    in.baseline()
        .ifPresent(approved -> gates.add(ModelGate.evaluate(spec.model(), approved.version())));
    gates.add(OwnersGate.evaluate(spec, in.requirements()));
    gates.add(PacketGate.evaluate(in.requirements().artifacts(), spec.packet(), in.evidence()));
    EvaluationResult evaluation =
        EvaluationGate.evaluate(
            EvalCandidate.of(spec),
            spec.evaluation(),
            EvidenceRefs.evaluationReport(spec).map(in.evidence()::at),
            in.baseline().map(ApprovedVersion::evaluation),
            in.baseline().map(ApprovedVersion::version).orElse(null));
    gates.add(evaluation.gate());
    gates.add(FindingsGate.evaluate(spec.packet(), in.evidence()));
    if (in.requirements().actionApprovalPaths()) {
      gates.add(AgentActionsGate.evaluate(spec.scope()));
    }
    if (!in.firstVersion()) {
      gates.add(CanaryPlanGate.evaluate(in.requirements(), spec.canary()));
    }
    gates.add(
        SignoffGate.evaluate(
            spec, in.requirements(), in.annotations(), in.signoffs(), SignoffStage.BEFORE_TRAFFIC));
    gates.add(
        SignoffGate.evaluate(
            spec,
            in.requirements(),
            in.annotations(),
            in.signoffs(),
            SignoffStage.BEFORE_PROMOTION));
    return new GateReport(List.copyOf(gates), evaluation);
  }

  /**
   * The same report with a gate the lifecycle itself decides (the change freeze, the rollback
   * rehearsal).
   */
  public GateReport with(GateStatus gate) {
    List<GateStatus> all = new ArrayList<>(gates);
    all.add(gate);
    return new GateReport(List.copyOf(all), evaluation);
  }

  /** Whether a gate stands between the candidate and any traffic (not only promotion). */
  public boolean beforeTraffic(GateStatus gate) {
    return !gate.afterTraffic();
  }

  /** Whether user traffic may reach the candidate. */
  public boolean openForTraffic() {
    return gates.stream().filter(this::beforeTraffic).allMatch(GateStatus::satisfied);
  }

  /**
   * Whether the candidate may get all traffic, once rehearsed where that is required: every gate
   * but the rehearsal, which runs only when all the others hold.
   */
  public boolean openForPromotion() {
    return gates.stream()
        .filter(g -> !g.is(GateId.ROLLBACK_REHEARSAL))
        .allMatch(GateStatus::satisfied);
  }

  /** Satisfied over required, as the printer column shows it. */
  public String summary() {
    return gates.stream().filter(GateStatus::satisfied).count() + "/" + gates.size();
  }

  /**
   * The shut gates' reasons, one sentence each; before traffic, only the gates that matter then.
   */
  public String shutReasons(boolean beforeTrafficOnly) {
    return gates.stream()
        .filter(g -> !g.satisfied())
        .filter(g -> !beforeTrafficOnly || beforeTraffic(g))
        .filter(g -> !g.is(GateId.ROLLBACK_REHEARSAL))
        .map(g -> g.reason() + notCounted(g))
        .collect(Collectors.joining(" "));
  }

  private static String notCounted(GateStatus gate) {
    return gate.stale().isEmpty() ? "" : " Not counted: " + String.join("; ", gate.stale()) + ".";
  }

  /** A gate's status, if the report has it. */
  public Optional<GateStatus> gate(GateId id) {
    return gates.stream().filter(g -> g.is(id)).findFirst();
  }
}
