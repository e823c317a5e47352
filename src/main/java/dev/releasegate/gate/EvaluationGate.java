package dev.releasegate.gate;

import dev.releasegate.api.v1alpha1.EvalSummary;
import dev.releasegate.api.v1alpha1.EvaluationSpec;
import dev.releasegate.api.v1alpha1.GateId;
import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.MetricDirection;
import dev.releasegate.gate.EvaluationCriteria.Criterion;
import dev.releasegate.gate.MetricComparison.Verdict;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the candidate was proven on a fixed eval set and is no worse than the last approved
 * version beyond each metric's tolerance, unless the team documented the tradeoff. The checklist:
 * compare the new build with the last approved version; if it is better in one area and worse in
 * another, document the tradeoff.
 */
public final class EvaluationGate {

  static final String NO_REPORT =
      "no evaluation report: add an evalReport artifact from a ConfigMap or set"
          + " spec.evaluation.reportRef";
  static final String FIX = "fix it or document a tradeoff in spec.evaluation.tradeoffs";

  private EvaluationGate() {}

  /**
   * Evaluates the gate. Never throws: an unreadable or malformed report, or an invalid tolerance,
   * is a named reason.
   *
   * @param candidate the version the report must be of
   * @param evaluation spec.evaluation; null means no tolerances and no tradeoffs
   * @param report the document at {@link EvidenceRefs#evaluationReport}; empty when the spec names
   *     no report at all
   * @param baseline the last approved version's summary; empty on the first release, or when that
   *     version recorded none
   * @param baselineVersion the last approved version; null when there is none
   */
  public static EvaluationResult evaluate(
      EvalCandidate candidateVersion,
      EvaluationSpec evaluation,
      Optional<EvidenceDocument> report,
      Optional<EvalSummary> baseline,
      String baselineVersion) {
    if (report.isEmpty()) {
      return shut(NO_REPORT + ".", List.of(NO_REPORT), Optional.empty());
    }
    EvidenceDocument document = report.get();
    if (document.content() == null) {
      String problem = Sentences.fragment(document.problem(), document.ref() + " was not read");
      return shut(
          "The evaluation report cannot be read: " + problem + ".",
          List.of("evaluation report: " + problem),
          Optional.empty());
    }
    EvalReport.Reading reading = EvalReport.read(document.content());
    if (reading.report() == null) {
      return shut(
          "The evaluation report in " + document.ref() + " " + reading.unreadable() + ".",
          List.of("evaluation report: " + document.ref() + " " + reading.unreadable()),
          Optional.empty());
    }
    EvalReport candidate = reading.report();
    EvaluationCriteria criteria = EvaluationCriteria.of(evaluation);
    if (!candidate.valid()) {
      List<String> missing = new ArrayList<>();
      candidate.problems().forEach(p -> missing.add("evaluation report: " + p));
      missing.addAll(criteria.problems());
      return shut(
          "The evaluation report in " + document.ref() + " does not count: " + join(missing) + ".",
          missing,
          Optional.of(candidate.summary()));
    }
    Optional<String> another =
        candidateVersion.notTheCandidates(candidate.modelVersion(), candidate.modelDigest());
    if (another.isPresent()) {
      return shut(
          "The evaluation report in " + document.ref() + " " + another.get() + ".",
          List.of("evaluation report: " + document.ref() + " " + another.get()),
          Optional.of(candidate.summary()));
    }
    EvaluationResult result =
        baseline.isEmpty()
            ? firstEvaluation(candidate, criteria, baselineVersion)
            : compare(
                candidate,
                criteria,
                baseline.get(),
                baselineVersion == null ? "the last approved version" : baselineVersion);
    return candidateVersion
        .unnamedNote(candidate.modelVersion())
        .map(note -> noted(result, note))
        .orElse(result);
  }

  /** The same result with a note beside what the gate lists as not compared or accepted. */
  private static EvaluationResult noted(EvaluationResult result, String note) {
    GateStatus gate = result.gate();
    List<String> stale = new ArrayList<>(gate.stale());
    stale.add(note);
    return new EvaluationResult(
        new GateStatus(gate.name(), gate.satisfied(), gate.reason(), gate.missing(), stale),
        result.candidate(),
        result.comparisons());
  }

  /** Nothing to compare with: the report itself becomes the next version's baseline. */
  private static EvaluationResult firstEvaluation(
      EvalReport candidate, EvaluationCriteria criteria, String baselineVersion) {
    Optional<EvalSummary> summary = Optional.of(candidate.summary());
    if (!criteria.problems().isEmpty()) {
      return shut(
          "spec.evaluation is invalid: " + join(criteria.problems()) + ".",
          criteria.problems(),
          summary);
    }
    List<String> notes = new ArrayList<>();
    for (Criterion criterion : criteria.criteria()) {
      if (!candidate.metrics().containsKey(criterion.metric())) {
        notes.add(
            criterion.metric()
                + ": not in the report, so the next version cannot be compared on it");
      }
    }
    String reason =
        (baselineVersion == null
                ? "First evaluated version: no baseline to compare with; "
                : "No baseline to compare with: " + baselineVersion + " recorded no evaluation; ")
            + Sentences.count(candidate.metrics().size(), "metric")
            + " recorded as the baseline for the next version.";
    return new EvaluationResult(
        new GateStatus(GateId.EVALUATION.id(), true, reason, List.of(), notes), summary, List.of());
  }

  private static EvaluationResult compare(
      EvalReport candidate, EvaluationCriteria criteria, EvalSummary baseline, String version) {
    List<String> missing = new ArrayList<>(criteria.problems());
    List<String> stale = new ArrayList<>();
    Optional<String> unlike = evalSetDifference(candidate, baseline, version, stale);
    List<MetricComparison> comparisons = new ArrayList<>();
    for (Criterion criterion : criteria.criteria()) {
      MetricComparison comparison = compare(criterion, candidate, baseline, criteria);
      comparisons.add(comparison);
      String metric = criterion.metric();
      switch (comparison.verdict()) {
        case REGRESSED ->
            missing.add(
                comparison.describe(version)
                    + "; "
                    + (criteria.unjustified(metric)
                        ? "its tradeoff in spec.evaluation.tradeoffs gives no justification"
                        : FIX));
        case MISSING_IN_CANDIDATE ->
            missing.add(
                metric
                    + ": not in the candidate's report, so it cannot be compared with "
                    + version);
        case ACCEPTED_TRADEOFF ->
            stale.add(
                comparison.describe(version)
                    + " accepted as a documented tradeoff: "
                    + comparison.justification());
        case NOT_IN_BASELINE ->
            stale.add(metric + ": " + version + " recorded no value, so it is not compared");
        case IMPROVED, WITHIN_TOLERANCE -> {}
      }
    }
    String likeForLike = unlike.map(u -> " (" + u + ")").orElse("");
    boolean satisfied = missing.isEmpty();
    String reason =
        satisfied
            ? passed(candidate, comparisons, criteria, version) + likeForLike + "."
            : "The candidate does not pass evaluation against "
                + version
                + likeForLike
                + ": "
                + join(missing)
                + ".";
    return new EvaluationResult(
        new GateStatus(GateId.EVALUATION.id(), satisfied, reason, missing, stale),
        Optional.of(candidate.summary()),
        comparisons);
  }

  private static MetricComparison compare(
      Criterion criterion,
      EvalReport candidate,
      EvalSummary baseline,
      EvaluationCriteria criteria) {
    String metric = criterion.metric();
    String direction = criterion.direction().name();
    double allowance = criterion.allowance();
    Double now = candidate.metrics().get(metric);
    Double before = finite(baseline.metrics() == null ? null : baseline.metrics().get(metric));
    if (now == null) {
      return new MetricComparison(
          metric, direction, before, null, null, allowance, Verdict.MISSING_IN_CANDIDATE, null);
    }
    if (before == null) {
      return new MetricComparison(
          metric, direction, null, now, null, allowance, Verdict.NOT_IN_BASELINE, null);
    }
    // Decimal arithmetic, so 0.91 - 0.88 is exactly the 0.03 a person computes, and a regression
    // equal to its tolerance passes.
    BigDecimal worse = BigDecimal.valueOf(before).subtract(BigDecimal.valueOf(now));
    if (criterion.direction() == MetricDirection.lowerIsBetter) {
      worse = worse.negate();
    }
    Verdict verdict = Verdict.IMPROVED;
    String justification = null;
    if (worse.signum() >= 0 && worse.compareTo(BigDecimal.valueOf(allowance)) <= 0) {
      verdict = Verdict.WITHIN_TOLERANCE;
    } else if (worse.signum() > 0) {
      justification = criteria.justification(metric).orElse(null);
      verdict = justification == null ? Verdict.REGRESSED : Verdict.ACCEPTED_TRADEOFF;
    }
    return new MetricComparison(
        metric, direction, before, now, worse.doubleValue(), allowance, verdict, justification);
  }

  /**
   * Notes where the candidate's eval set differs from the baseline's, and returns the "not like for
   * like" remark for the reason when the set itself differs. A different set does not block by
   * itself: the comparison is still the best evidence there is, but reviewers should know.
   */
  private static Optional<String> evalSetDifference(
      EvalReport candidate, EvalSummary baseline, String version, List<String> stale) {
    if (!Objects.equals(candidate.evalSetId(), baseline.evalSetId())) {
      String note =
          "eval set "
              + candidate.evalSetId()
              + " is not "
              + (baseline.evalSetId() == null ? "the unrecorded set" : baseline.evalSetId())
              + " that "
              + version
              + " was evaluated on: not like for like";
      stale.add(note);
      return Optional.of(note);
    }
    if (baseline.evalSetSize() != null
        && !Objects.equals(candidate.evalSetSize(), baseline.evalSetSize())) {
      stale.add(
          "eval set "
              + candidate.evalSetId()
              + " has "
              + candidate.evalSetSize()
              + " cases, "
              + baseline.evalSetSize()
              + " when "
              + version
              + " was evaluated");
    }
    return Optional.empty();
  }

  private static String passed(
      EvalReport candidate,
      List<MetricComparison> comparisons,
      EvaluationCriteria criteria,
      String version) {
    long uncompared =
        candidate.metrics().keySet().stream().filter(m -> !criteria.compares(m)).count();
    String notCompared =
        uncompared == 0
            ? ""
            : "; "
                + Sentences.count(uncompared, "reported metric")
                + " without a tolerance not compared";
    if (comparisons.isEmpty()) {
      return "No metric has a tolerance in spec.evaluation.tolerances, so none was compared with "
          + version
          + notCompared;
    }
    List<String> tally = new ArrayList<>();
    tally(tally, comparisons, Verdict.IMPROVED, "improved");
    tally(tally, comparisons, Verdict.WITHIN_TOLERANCE, "within tolerance");
    tally(tally, comparisons, Verdict.ACCEPTED_TRADEOFF, "accepted as a documented tradeoff");
    tally(tally, comparisons, Verdict.NOT_IN_BASELINE, "not in the baseline");
    return "No metric regressed beyond tolerance against "
        + version
        + " on eval set "
        + candidate.evalSetId()
        + ": "
        + Sentences.count(comparisons.size(), "metric")
        + " compared ("
        + String.join(", ", tally)
        + ")"
        + notCompared;
  }

  private static void tally(
      List<String> tally, List<MetricComparison> comparisons, Verdict verdict, String label) {
    long n = comparisons.stream().filter(c -> c.verdict() == verdict).count();
    if (n > 0) {
      tally.add(n + " " + label);
    }
  }

  private static EvaluationResult shut(
      String reason, List<String> missing, Optional<EvalSummary> candidate) {
    return new EvaluationResult(
        new GateStatus(GateId.EVALUATION.id(), false, reason, List.copyOf(missing), List.of()),
        candidate,
        List.of());
  }

  private static Double finite(Double value) {
    return value == null || value.isNaN() || value.isInfinite() ? null : value;
  }

  private static String join(List<String> items) {
    return String.join("; ", items);
  }
}
