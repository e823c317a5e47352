package dev.releasegate.gate;

import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every gate of a candidate version, and which of them stand between it and traffic and between it
 * and promotion. Missing evidence means no.
 */
public record GateReport(List<GateStatus> gates) {

  private static final Set<String> BEFORE_TRAFFIC =
      Set.of(OwnersGate.NAME, SignoffStage.BEFORE_TRAFFIC.gateName());

  /** Evaluates every gate for the spec's candidate version. */
  public static GateReport evaluate(ModelReleaseSpec spec, Map<String, String> annotations) {
    return new GateReport(
        List.of(
            OwnersGate.evaluate(spec),
            SignoffGate.evaluate(spec, annotations, SignoffStage.BEFORE_TRAFFIC),
            SignoffGate.evaluate(spec, annotations, SignoffStage.BEFORE_PROMOTION)));
  }

  /** Whether user traffic may reach the candidate. */
  public boolean openForTraffic() {
    return gates.stream()
        .filter(g -> BEFORE_TRAFFIC.contains(g.name()))
        .allMatch(GateStatus::satisfied);
  }

  /** Whether the candidate may get all traffic and become the approved version. */
  public boolean openForPromotion() {
    return gates.stream().allMatch(GateStatus::satisfied);
  }

  /** Satisfied over required, as the printer column shows it. */
  public String summary() {
    return gates.stream().filter(GateStatus::satisfied).count() + "/" + gates.size();
  }

  /** The reasons of the shut gates, one sentence each, for the release's message. */
  public String shutReasons(boolean beforeTrafficOnly) {
    return gates.stream()
        .filter(g -> !g.satisfied())
        .filter(g -> !beforeTrafficOnly || BEFORE_TRAFFIC.contains(g.name()))
        .map(g -> g.reason() + details(g))
        .collect(Collectors.joining(" "));
  }

  private static String details(GateStatus gate) {
    return gate.stale().isEmpty() ? "" : " Not counted: " + String.join("; ", gate.stale()) + ".";
  }
}
