package dev.releasegate.gate;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One metric of the candidate compared with the last approved version, as the release packet record
 * keeps it.
 *
 * @param metric the metric's name in the report
 * @param direction higherIsBetter or lowerIsBetter, as the spec names it
 * @param baseline the approved version's value; null when it recorded none
 * @param candidate the candidate's value; null when its report has none
 * @param regression how much worse the candidate is, in the metric's unit (negative: better); null
 *     when one side is missing
 * @param allowance how much worse it may get
 * @param verdict what the comparison decided
 * @param justification why a regression beyond tolerance is accepted; null unless it is
 */
public record MetricComparison(
    @JsonPropertyDescription("The metric's name in the report.") String metric,
    @JsonPropertyDescription("higherIsBetter or lowerIsBetter.") String direction,
    @JsonPropertyDescription("The last approved version's value.") Double baseline,
    @JsonPropertyDescription("The candidate's value.") Double candidate,
    @JsonPropertyDescription("How much worse the candidate is; negative when it is better.")
        Double regression,
    @JsonPropertyDescription("How much worse it may get.") double allowance,
    @JsonPropertyDescription("What the comparison decided.") Verdict verdict,
    @JsonPropertyDescription("Why an accepted regression is acceptable.") String justification) {

  /** What a comparison decided. */
  public enum Verdict {
    /** Better than the approved version. */
    IMPROVED,
    /** Unchanged, or worse by no more than the tolerance. */
    WITHIN_TOLERANCE,
    /** Worse than the tolerance allows, with no documented tradeoff: blocks. */
    REGRESSED,
    /** Worse than the tolerance allows, and the team documented why that is acceptable. */
    ACCEPTED_TRADEOFF,
    /** The candidate's report lacks a metric the spec compares: blocks. */
    MISSING_IN_CANDIDATE,
    /** The approved version recorded no value, so there is nothing to compare with. */
    NOT_IN_BASELINE
  }

  /**
   * The comparison as a person reads it, for example {@code accuracy: 0.880 vs 0.910 for 1.1.0
   * (worse by 0.030, tolerance 0.010)}.
   */
  public String describe(String baselineVersion) {
    if (candidate == null) {
      return metric + ": not in the candidate's report";
    }
    if (baseline == null) {
      return metric + ": " + candidate + ", no value recorded for " + baselineVersion;
    }
    int decimals = decimals(baseline, candidate, regression, allowance);
    String change =
        regression > 0
            ? "worse by " + format(regression, decimals)
            : regression < 0 ? "better by " + format(-regression, decimals) : "unchanged";
    return metric
        + ": "
        + format(candidate, decimals)
        + " vs "
        + format(baseline, decimals)
        + " for "
        + baselineVersion
        + " ("
        + change
        + ", tolerance "
        + format(allowance, decimals)
        + ")";
  }

  /**
   * One precision for every number in a sentence, so they line up: enough for the most precise
   * value, and at least three decimals for small values like rates (0.880 vs 0.910), none for
   * values like latency that are written as whole numbers (850 vs 800).
   */
  private static int decimals(Double... values) {
    int decimals =
        Stream.of(values)
            .filter(Objects::nonNull)
            .mapToInt(v -> BigDecimal.valueOf(v).stripTrailingZeros().scale())
            .max()
            .orElse(0);
    boolean small = Stream.of(values).anyMatch(v -> v != null && v != 0 && Math.abs(v) < 10);
    return Math.min(6, Math.max(small ? 3 : 0, decimals));
  }

  private static String format(double value, int decimals) {
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
  }
}
