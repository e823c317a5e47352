package dev.releasegate.gate;

import dev.releasegate.api.v1alpha1.EvalSummary;
import dev.releasegate.api.v1alpha1.GateStatus;
import java.util.List;
import java.util.Optional;

/**
 * The evaluation gate's decision and what it was made from, for the release packet record.
 *
 * @param gate the gate, named {@code evaluation}
 * @param candidate the candidate's report as the next version will be compared against it; present
 *     whenever the report is a JSON object, even when the gate is shut, and then holding only the
 *     values that could be read
 * @param comparisons one per compared metric, in the order of spec.evaluation.tolerances; empty
 *     when there is no baseline or no report
 */
public record EvaluationResult(
    GateStatus gate, Optional<EvalSummary> candidate, List<MetricComparison> comparisons) {

  public EvaluationResult {
    comparisons = List.copyOf(comparisons);
  }
}
