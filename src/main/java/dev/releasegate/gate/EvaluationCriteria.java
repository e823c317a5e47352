package dev.releasegate.gate;

import dev.releasegate.api.v1alpha1.EvaluationSpec;
import dev.releasegate.api.v1alpha1.MetricDirection;
import dev.releasegate.api.v1alpha1.MetricTolerance;
import dev.releasegate.api.v1alpha1.Tradeoff;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * spec.evaluation checked once: the tolerances that can be applied, what is wrong with the others
 * (named by field, because the spec's strings are not validated on deserialisation), and the
 * documented tradeoffs.
 */
record EvaluationCriteria(
    List<EvaluationCriteria.Criterion> criteria,
    List<String> problems,
    Map<String, String> tradeoffs) {

  /** One metric compared in a known direction with a tolerance of at least zero. */
  record Criterion(String metric, MetricDirection direction, double allowance) {}

  static EvaluationCriteria of(EvaluationSpec evaluation) {
    List<Criterion> criteria = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<MetricTolerance> tolerances =
        evaluation == null || evaluation.tolerances() == null ? List.of() : evaluation.tolerances();
    for (int i = 0; i < tolerances.size(); i++) {
      String field = "spec.evaluation.tolerances[" + i + "]";
      check(field, tolerances.get(i), problems).ifPresent(criteria::add);
    }
    Map<String, String> tradeoffs = new LinkedHashMap<>();
    List<Tradeoff> documented =
        evaluation == null || evaluation.tradeoffs() == null ? List.of() : evaluation.tradeoffs();
    for (Tradeoff tradeoff : documented) {
      if (tradeoff != null && tradeoff.metric() != null) {
        tradeoffs.putIfAbsent(
            tradeoff.metric(), Objects.requireNonNullElse(tradeoff.justification(), "").trim());
      }
    }
    return new EvaluationCriteria(criteria, problems, tradeoffs);
  }

  private static Optional<Criterion> check(
      String field, MetricTolerance tolerance, List<String> problems) {
    if (tolerance == null || tolerance.metric() == null || tolerance.metric().isBlank()) {
      problems.add(field + ".metric is missing: name the metric as the report does");
      return Optional.empty();
    }
    String metric = tolerance.metric();
    Optional<MetricDirection> direction = MetricDirection.parse(tolerance.direction());
    if (direction.isEmpty()) {
      problems.add(
          field
              + ".direction is "
              + (tolerance.direction() == null ? "missing" : "\"" + tolerance.direction() + "\"")
              + " for "
              + metric
              + ": use higherIsBetter or lowerIsBetter");
    }
    double allowance = tolerance.allowance();
    // Written so that NaN fails too.
    boolean allowanceValid = allowance >= 0 && !Double.isInfinite(allowance);
    if (!allowanceValid) {
      problems.add(
          field
              + ".maxRegression is "
              + tolerance.maxRegression()
              + " for "
              + metric
              + ": use a finite number of at least 0");
    }
    return direction.isPresent() && allowanceValid
        ? Optional.of(new Criterion(metric, direction.get(), allowance))
        : Optional.empty();
  }

  /** Why a regression of the metric is accepted, when a tradeoff names it and gives a reason. */
  Optional<String> justification(String metric) {
    return Optional.ofNullable(tradeoffs.get(metric)).filter(j -> !j.isEmpty());
  }

  /** Whether a tradeoff names the metric but gives no reason, and so documents nothing. */
  boolean unjustified(String metric) {
    return "".equals(tradeoffs.get(metric));
  }

  /** Whether the spec compares the metric at all. */
  boolean compares(String metric) {
    return criteria.stream().anyMatch(c -> c.metric().equals(metric));
  }
}
