package dev.releasegate.demo;

import dev.releasegate.api.v1alpha1.MetricResult;
import dev.releasegate.api.v1alpha1.MetricStatus;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseStatus;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;

/** One line of the live view: what on-call needs to see of a release at a glance. */
record ReleaseRow(
    String namespace,
    String name,
    String phase,
    String stable,
    String canary,
    String weight,
    String gates,
    String analysis,
    String lastEvent) {

  static ReleaseRow of(ModelRelease release, String lastEvent) {
    ModelReleaseStatus status = release.getStatus();
    String phase = "-";
    String stable = "-";
    String canary = "-";
    String weight = "-";
    String gates = "-";
    String analysis = "-";
    if (status != null) {
      phase = status.getPhase() == null ? "-" : status.getPhase().name();
      stable = status.getStable() == null ? "-" : status.getStable().version();
      if (status.getCanary() != null) {
        canary = status.getCanary().version();
        weight = status.getCanary().weight() + "%";
      }
      gates = status.getGateSummary() == null ? "-" : status.getGateSummary();
      analysis = analysis(status);
    }
    return new ReleaseRow(
        release.getMetadata().getNamespace(),
        release.getMetadata().getName(),
        phase,
        stable,
        canary,
        weight,
        gates,
        analysis,
        lastEvent == null ? "" : lastEvent);
  }

  /** The signal most worth a look: a failing one first, else the first one measured. */
  private static String analysis(ModelReleaseStatus status) {
    if (status.getAnalysis() == null || status.getAnalysis().metrics().isEmpty()) {
      return "-";
    }
    return status.getAnalysis().metrics().stream()
        .filter(m -> m.lastResult() != null)
        .min(
            Comparator.comparing(
                (MetricStatus m) -> MetricResult.Success.name().equals(m.lastResult())))
        .map(
            m ->
                m.name()
                    + "="
                    + value(m)
                    + (MetricResult.Success.name().equals(m.lastResult())
                        ? ""
                        : " " + m.lastResult().toUpperCase()))
        .orElse("-");
  }

  private static String value(MetricStatus metric) {
    return metric.lastValue() == null
        ? "none"
        : new BigDecimal(metric.lastValue())
            .round(new MathContext(3))
            .stripTrailingZeros()
            .toPlainString();
  }

  /** The row as one log line, for output that is not a terminal. */
  String asLine() {
    return namespace
        + "/"
        + name
        + " "
        + phase
        + " stable="
        + stable
        + " canary="
        + canary
        + " weight="
        + weight
        + " gates="
        + gates
        + (analysis.equals("-") ? "" : " analysis=" + analysis)
        + (lastEvent.isEmpty() ? "" : " | " + lastEvent);
  }
}
