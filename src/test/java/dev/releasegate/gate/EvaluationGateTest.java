package dev.releasegate.gate;

import static dev.releasegate.gate.EvidenceFixtures.key;
import static dev.releasegate.gate.EvidenceFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.EvalSummary;
import dev.releasegate.api.v1alpha1.EvaluationSpec;
import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.MetricTolerance;
import dev.releasegate.api.v1alpha1.Tradeoff;
import dev.releasegate.gate.MetricComparison.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvaluationGateTest {
  private static final String APPROVED = "1.1.0";

  /** The version the reports in this class evaluated, at the standard tier. */
  private static final EvalCandidate CANDIDATE = new EvalCandidate("1.2.0", null, false);

  /** What 1.1.0 was approved with. */
  private static final EvalSummary BASELINE =
      new EvalSummary(
          "support-v3",
          1200L,
          Map.of("accuracy", 0.91, "refusal_rate", 0.02, "p95_latency_ms", 800.0));

  private static final List<MetricTolerance> TOLERANCES =
      List.of(
          new MetricTolerance("accuracy", "higherIsBetter", 0.01),
          new MetricTolerance("p95_latency_ms", "lowerIsBetter", 100.0));

  private static final EvaluationSpec SPEC = new EvaluationSpec(null, TOLERANCES, List.of());

  private static Optional<EvidenceDocument> report(String json) {
    return Optional.of(read(key("eval.json"), json));
  }

  private static String report(String evalSet, int size, String metrics) {
    return "{\"modelVersion\": \"1.2.0\", \"evalSet\": {\"id\": \""
        + evalSet
        + "\", \"size\": "
        + size
        + "}, \"metrics\": {"
        + metrics
        + "}}";
  }

  private static EvaluationResult against110(EvaluationSpec spec, String json) {
    return EvaluationGate.evaluate(CANDIDATE, spec, report(json), Optional.of(BASELINE), APPROVED);
  }

  @Test
  void withoutAReportTheGateIsShutAndSaysWhereToPutOne() {
    EvaluationResult result =
        EvaluationGate.evaluate(CANDIDATE, SPEC, Optional.empty(), Optional.of(BASELINE), APPROVED);

    assertThat(result.gate().name()).isEqualTo("evaluation");
    assertThat(result.gate().satisfied()).isFalse();
    assertThat(result.gate().reason())
        .isEqualTo(
            "no evaluation report: add an evalReport artifact from a ConfigMap or set"
                + " spec.evaluation.reportRef.");
    assertThat(result.candidate()).isEmpty();
  }

  @Test
  void anUnreadableReportIsNamedWithTheReadersProblem() {
    EvaluationResult result =
        EvaluationGate.evaluate(
            CANDIDATE,
            SPEC,
            Optional.of(
                EvidenceDocument.unreadable(
                    key("eval.json"), "ConfigMap release-evidence does not exist.")),
            Optional.empty(),
            null);

    assertThat(result.gate().satisfied()).isFalse();
    assertThat(result.gate().reason())
        .isEqualTo(
            "The evaluation report cannot be read: ConfigMap release-evidence does not exist.");
  }

  @Test
  void aMalformedReportIsNamedWithWhereItBreaks() {
    EvaluationResult result =
        EvaluationGate.evaluate(
            CANDIDATE,
            SPEC,
            report("{\"evalSet\": {\"id\": \"support-v3\",}"),
            Optional.empty(),
            null);

    assertThat(result.gate().satisfied()).isFalse();
    assertThat(result.gate().reason())
        .startsWith(
            "The evaluation report in ConfigMap release-evidence key eval.json is not valid JSON"
                + " at line 1, column 33: ");
    assertThat(result.candidate()).isEmpty();
  }

  @Test
  void aReportThatIsNotAnObjectDoesNotCount() {
    EvaluationResult result =
        EvaluationGate.evaluate(CANDIDATE, SPEC, report("[0.91]"), Optional.empty(), null);

    assertThat(result.gate().missing())
        .singleElement()
        .asString()
        .startsWith(
            "evaluation report: ConfigMap release-evidence key eval.json is not a JSON object");
  }

  @Test
  void aReportWithoutItsEvalSetOrMetricsIsNamedFieldByField() {
    EvaluationResult result =
        EvaluationGate.evaluate(
            CANDIDATE,
            SPEC,
            report("{\"evalSet\": {\"size\": 0}, \"metrics\": {}}"),
            Optional.empty(),
            null);

    assertThat(result.gate().satisfied()).isFalse();
    assertThat(result.gate().missing())
        .containsExactly(
            "evaluation report: evalSet.id is missing: name the fixed eval set the metrics come"
                + " from",
            "evaluation report: evalSet.size is missing or not a positive whole number of cases",
            "evaluation report: metrics is missing or empty: report at least one metric by name");
  }

  @Test
  void aNaNInfiniteOrNonNumericMetricIsNamedAndTheReadableValuesAreStillReturned() {
    String json =
        report(
            "support-v3",
            1200,
            "\"accuracy\": NaN, \"refusal_rate\": Infinity, \"bias_gap\": \"low\","
                + " \"p95_latency_ms\": 850");

    EvaluationResult result =
        EvaluationGate.evaluate(CANDIDATE, SPEC, report(json), Optional.empty(), null);

    assertThat(result.gate().satisfied()).isFalse();
    assertThat(result.gate().missing())
        .containsExactly(
            "evaluation report: metrics.accuracy is NaN",
            "evaluation report: metrics.refusal_rate is infinite",
            "evaluation report: metrics.bias_gap is \"low\", not a number");
    assertThat(result.candidate())
        .hasValue(new EvalSummary("support-v3", 1200L, Map.of("p95_latency_ms", 850.0)));
  }

  @Test
  void aMetricReportedTwiceIsAmbiguous() {
    EvaluationResult result =
        EvaluationGate.evaluate(
            CANDIDATE,
            SPEC,
            report(report("support-v3", 1200, "\"accuracy\": 0.9, \"accuracy\": 0.8")),
            Optional.empty(),
            null);

    assertThat(result.gate().satisfied()).isFalse();
    assertThat(result.gate().reason()).contains("Duplicate field 'accuracy'");
  }

  @Test
  void theFirstEvaluatedVersionHasNoBaselineAndBecomesOne() {
    String json =
        report(
            "support-v3",
            1200,
            "\"accuracy\": 0.91, \"refusal_rate\": 0.02, \"p95_latency_ms\": 850");

    EvaluationResult result =
        EvaluationGate.evaluate(CANDIDATE, SPEC, report(json), Optional.empty(), null);

    assertThat(result.gate().satisfied()).isTrue();
    assertThat(result.gate().reason())
        .isEqualTo(
            "First evaluated version: no baseline to compare with; 3 metrics recorded as the"
                + " baseline for the next version.");
    assertThat(result.comparisons()).isEmpty();
    assertThat(result.candidate().orElseThrow().metrics())
        .containsEntry("accuracy", 0.91)
        .hasSize(3);
  }

  @Test
  void anApprovedVersionThatRecordedNoEvaluationLeavesNothingToCompare() {
    String json = report("support-v3", 1200, "\"accuracy\": 0.91");

    EvaluationResult result =
        EvaluationGate.evaluate(CANDIDATE, SPEC, report(json), Optional.empty(), APPROVED);

    assertThat(result.gate().satisfied()).isTrue();
    assertThat(result.gate().reason())
        .isEqualTo(
            "No baseline to compare with: 1.1.0 recorded no evaluation; 1 metric recorded as the"
                + " baseline for the next version.");
    assertThat(result.gate().stale())
        .containsExactly(
            "p95_latency_ms: not in the report, so the next version cannot be compared on it");
  }

  @Test
  void aRegressionBeyondToleranceBlocksNamingBothValues() {
    String json = report("support-v3", 1200, "\"accuracy\": 0.88, \"p95_latency_ms\": 790");

    EvaluationResult result = against110(SPEC, json);

    assertThat(result.gate().satisfied()).isFalse();
    assertThat(result.gate().missing())
        .containsExactly(
            "accuracy: 0.880 vs 0.910 for 1.1.0 (worse by 0.030, tolerance 0.010); fix it or"
                + " document a tradeoff in spec.evaluation.tradeoffs");
    assertThat(result.gate().reason())
        .startsWith("The candidate does not pass evaluation against 1.1.0: accuracy: 0.880 vs");
    assertThat(result.comparisons())
        .extracting(MetricComparison::metric, MetricComparison::verdict)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("accuracy", Verdict.REGRESSED),
            org.assertj.core.groups.Tuple.tuple("p95_latency_ms", Verdict.IMPROVED));
  }

  @Test
  void aDocumentedTradeoffAcceptsTheRegressionAndIsNotedWithItsJustification() {
    EvaluationSpec spec =
        new EvaluationSpec(
            null,
            TOLERANCES,
            List.of(new Tradeoff("accuracy", "Refuses unsafe requests it used to answer.")));
    String json = report("support-v3", 1200, "\"accuracy\": 0.88, \"p95_latency_ms\": 790");

    EvaluationResult result = against110(spec, json);

    assertThat(result.gate().satisfied()).isTrue();
    assertThat(result.gate().stale())
        .containsExactly(
            "accuracy: 0.880 vs 0.910 for 1.1.0 (worse by 0.030, tolerance 0.010) accepted as a"
                + " documented tradeoff: Refuses unsafe requests it used to answer.");
    MetricComparison accuracy = result.comparisons().get(0);
    assertThat(accuracy.verdict()).isEqualTo(Verdict.ACCEPTED_TRADEOFF);
    assertThat(accuracy.justification()).isEqualTo("Refuses unsafe requests it used to answer.");
    assertThat(accuracy.regression()).isEqualTo(0.03);
  }

  @Test
  void aTradeoffWithoutJustificationDocumentsNothing() {
    EvaluationSpec spec =
        new EvaluationSpec(null, TOLERANCES, List.of(new Tradeoff("accuracy", " ")));

    EvaluationResult result =
        against110(spec, report("support-v3", 1200, "\"accuracy\": 0.88, \"p95_latency_ms\": 790"));

    assertThat(result.gate().missing())
        .containsExactly(
            "accuracy: 0.880 vs 0.910 for 1.1.0 (worse by 0.030, tolerance 0.010); its tradeoff"
                + " in spec.evaluation.tradeoffs gives no justification");
  }

  @Test
  void aRegressionExactlyAtItsToleranceIsWithinIt() {
    EvaluationResult result =
        against110(SPEC, report("support-v3", 1200, "\"accuracy\": 0.90, \"p95_latency_ms\": 900"));

    assertThat(result.gate().satisfied()).isTrue();
    assertThat(result.comparisons())
        .extracting(MetricComparison::verdict)
        .containsOnly(Verdict.WITHIN_TOLERANCE);
  }

  @Test
  void aLowerIsBetterMetricRegressesWhenItRises() {
    EvaluationResult result =
        against110(SPEC, report("support-v3", 1200, "\"accuracy\": 0.92, \"p95_latency_ms\": 950"));

    assertThat(result.gate().missing())
        .containsExactly(
            "p95_latency_ms: 950 vs 800 for 1.1.0 (worse by 150, tolerance 100); fix it or"
                + " document a tradeoff in spec.evaluation.tradeoffs");
  }

  @Test
  void aPassingComparisonSaysWhatWasComparedAndHowManyMetricsWereNot() {
    EvaluationResult result =
        against110(
            SPEC,
            report(
                "support-v3",
                1200,
                "\"accuracy\": 0.93, \"p95_latency_ms\": 840, \"refusal_rate\": 0.03,"
                    + " \"bias_gap\": 0.01"));

    assertThat(result.gate().satisfied()).isTrue();
    assertThat(result.gate().reason())
        .isEqualTo(
            "No metric regressed beyond tolerance against 1.1.0 on eval set support-v3: 2 metrics"
                + " compared (1 improved, 1 within tolerance); 2 reported metrics without a"
                + " tolerance not compared.");
    assertThat(result.gate().stale()).isEmpty();
  }

  @Test
  void aDifferentEvalSetIsNotLikeForLikeButDoesNotBlockByItself() {
    EvaluationResult result =
        against110(SPEC, report("support-v4", 1500, "\"accuracy\": 0.92, \"p95_latency_ms\": 800"));

    assertThat(result.gate().satisfied()).isTrue();
    assertThat(result.gate().stale())
        .containsExactly(
            "eval set support-v4 is not support-v3 that 1.1.0 was evaluated on: not like for"
                + " like");
    assertThat(result.gate().reason()).contains("not like for like");
  }

  @Test
  void aDifferentEvalSetSizeIsNoted() {
    EvaluationResult result =
        against110(SPEC, report("support-v3", 1100, "\"accuracy\": 0.92, \"p95_latency_ms\": 800"));

    assertThat(result.gate().satisfied()).isTrue();
    assertThat(result.gate().stale())
        .containsExactly("eval set support-v3 has 1100 cases, 1200 when 1.1.0 was evaluated");
  }

  @Test
  void aComparedMetricMissingFromTheCandidateBlocks() {
    EvaluationResult result = against110(SPEC, report("support-v3", 1200, "\"accuracy\": 0.92"));

    assertThat(result.gate().satisfied()).isFalse();
    assertThat(result.gate().missing())
        .containsExactly(
            "p95_latency_ms: not in the candidate's report, so it cannot be compared with 1.1.0");
    assertThat(result.comparisons().get(1).verdict()).isEqualTo(Verdict.MISSING_IN_CANDIDATE);
  }

  @Test
  void aComparedMetricTheBaselineLacksIsNotedAndNotCompared() {
    EvaluationSpec spec =
        new EvaluationSpec(
            null, List.of(new MetricTolerance("bias_gap", "lowerIsBetter", 0.0)), null);

    EvaluationResult result = against110(spec, report("support-v3", 1200, "\"bias_gap\": 0.04"));

    assertThat(result.gate().satisfied()).isTrue();
    assertThat(result.gate().stale())
        .containsExactly("bias_gap: 1.1.0 recorded no value, so it is not compared");
    assertThat(result.comparisons().get(0).verdict()).isEqualTo(Verdict.NOT_IN_BASELINE);
  }

  @Test
  void anUnknownDirectionIsNamedByItsField() {
    EvaluationSpec spec =
        new EvaluationSpec(
            null,
            List.of(
                new MetricTolerance("accuracy", "higherIsBetter", 0.01),
                new MetricTolerance("p95_latency_ms", "lower", 100.0)),
            null);

    EvaluationResult result =
        against110(spec, report("support-v3", 1200, "\"accuracy\": 0.92, \"p95_latency_ms\": 800"));

    assertThat(result.gate().satisfied()).isFalse();
    assertThat(result.gate().missing())
        .containsExactly(
            "spec.evaluation.tolerances[1].direction is \"lower\" for p95_latency_ms: use"
                + " higherIsBetter or lowerIsBetter");
  }

  @Test
  void withoutAnEvaluationSpecNothingIsCompared() {
    EvaluationResult result = against110(null, report("support-v3", 1200, "\"accuracy\": 0.50"));

    assertThat(result.gate().satisfied()).isTrue();
    assertThat(result.gate().reason())
        .isEqualTo(
            "No metric has a tolerance in spec.evaluation.tolerances, so none was compared with"
                + " 1.1.0; 1 reported metric without a tolerance not compared.");
  }

  @Test
  void theComparisonIsRecordedForThePacket() {
    GateStatus gate =
        against110(SPEC, report("support-v3", 1200, "\"accuracy\": 0.92, \"p95_latency_ms\": 800"))
            .gate();
    MetricComparison accuracy =
        against110(SPEC, report("support-v3", 1200, "\"accuracy\": 0.92, \"p95_latency_ms\": 800"))
            .comparisons()
            .get(0);

    assertThat(gate.satisfied()).isTrue();
    assertThat(accuracy)
        .isEqualTo(
            new MetricComparison(
                "accuracy", "higherIsBetter", 0.91, 0.92, -0.01, 0.01, Verdict.IMPROVED, null));
  }

  @Test
  void aToleranceWithoutAMetricOrWithANegativeAllowanceIsNamedByItsField() {
    EvaluationSpec spec =
        new EvaluationSpec(
            null,
            List.of(
                new MetricTolerance(" ", "higherIsBetter", 0.01),
                new MetricTolerance("accuracy", "higherIsBetter", -0.01)),
            null);

    EvaluationResult result =
        EvaluationGate.evaluate(
            CANDIDATE,
            spec,
            report(report("support-v3", 1200, "\"accuracy\": 0.92")),
            Optional.empty(),
            null);

    assertThat(result.gate().satisfied()).isFalse();
    assertThat(result.gate().missing())
        .containsExactly(
            "spec.evaluation.tolerances[0].metric is missing: name the metric as the report does",
            "spec.evaluation.tolerances[1].maxRegression is -0.01 for accuracy: use a finite number"
                + " of at least 0");
    assertThat(result.gate().reason()).startsWith("spec.evaluation is invalid: ");
  }

  @Test
  void aReportOfTheWrongShapeIsNamedNotThrown() {
    EvaluationResult result =
        EvaluationGate.evaluate(
            CANDIDATE,
            SPEC,
            report("{\"evalSet\": \"support-v3\", \"metrics\": [0.91]}"),
            Optional.of(BASELINE),
            APPROVED);

    assertThat(result.gate().missing())
        .containsExactly(
            "evaluation report: evalSet is missing: name the fixed eval set as {\"id\": ...,"
                + " \"size\": ...}",
            "evaluation report: metrics is missing or empty: report at least one metric by name");
    assertThat(result.comparisons()).isEmpty();
  }

  private static final String FOR_110 =
      "{\"modelVersion\": \"1.1.0\", \"evalSet\": {\"id\": \"support-v3\", \"size\": 1200},"
          + " \"metrics\": {\"accuracy\": 0.95, \"p95_latency_ms\": 780}}";

  private static final String UNNAMED =
      "{\"evalSet\": {\"id\": \"support-v3\", \"size\": 1200}, \"metrics\": {\"accuracy\": 0.95, \"p95_latency_ms\": 780}}";

  @Test
  void aReportOfAnotherVersionDoesNotCountAndNamesBoth() {
    EvaluationResult result = against110(SPEC, FOR_110);

    assertThat(result.gate().satisfied()).isFalse();
    assertThat(result.gate().reason())
        .isEqualTo(
            "The evaluation report in ConfigMap release-evidence key eval.json evaluated version 1.1.0,"
                + " not the candidate 1.2.0: a report for another version does not count, so point"
                + " the spec at 1.2.0's report.");
    assertThat(result.gate().missing()).singleElement().asString().contains("1.1.0", "1.2.0");
  }

  @Test
  void aReportNamingNoVersionCountsWithANoteAtTheStandardTierOnly() {
    EvaluationResult standard = against110(SPEC, UNNAMED);
    assertThat(standard.gate().satisfied()).isTrue();
    assertThat(standard.gate().stale())
        .contains(
            "the report names no modelVersion, so nothing shows it evaluated 1.2.0: add"
                + " \"modelVersion\": \"1.2.0\" (a high-risk release does not count it)");

    EvaluationResult high =
        EvaluationGate.evaluate(
            new EvalCandidate("1.2.0", null, true),
            SPEC,
            report(UNNAMED),
            Optional.of(BASELINE),
            APPROVED);
    assertThat(high.gate().satisfied()).isFalse();
    assertThat(high.gate().reason())
        .contains("names no modelVersion, and a high-risk release counts only a report that names")
        .contains("\"modelVersion\": \"1.2.0\"");
  }

  @Test
  void aReportOfAnotherArtifactDoesNotCountWhenTheImageIsPinned() {
    String pinned = "sha256:" + "a".repeat(64);
    String json =
        "{\"modelVersion\": \"1.2.0\", \"modelDigest\": \"sha256:"
            + "b".repeat(64)
            + "\", \"evalSet\": {\"id\": \"support-v3\", \"size\": 1200},"
            + " \"metrics\": {\"accuracy\": 0.95, \"p95_latency_ms\": 780}}";
    EvalCandidate candidate =
        EvalCandidate.of(
            dev.releasegate.lifecycle.Releases.with(
                dev.releasegate.lifecycle.Releases.spec("1.2.0"),
                "model",
                new dev.releasegate.api.v1alpha1.ModelSpec(
                    "assistant", "1.2.0", "registry.example.com/assistant@" + pinned, null)));

    EvaluationResult result =
        EvaluationGate.evaluate(candidate, SPEC, report(json), Optional.of(BASELINE), APPROVED);

    assertThat(result.gate().satisfied()).isFalse();
    assertThat(result.gate().reason())
        .contains("evaluated modelDigest sha256:bbbb")
        .contains("not " + pinned + " that the candidate's image is pinned to");
    assertThat(
            EvaluationGate.evaluate(
                    new EvalCandidate("1.2.0", null, false),
                    SPEC,
                    report(json),
                    Optional.of(BASELINE),
                    APPROVED)
                .gate()
                .satisfied())
        .as("an image named by tag has no digest to compare with")
        .isTrue();
  }
}
