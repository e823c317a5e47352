package dev.releasegate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasegate.api.v1alpha1.EvalSummary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A candidate's evaluation report as the team wrote it:
 *
 * <pre>{"modelVersion": "1.2.0", "evalSet": {"id": "support-v3", "size": 1200},
 *  "metrics": {"accuracy": 0.91}}</pre>
 *
 * <p>{@code modelVersion} names the version the report evaluated, and the optional {@code
 * modelDigest} ({@code sha256:...}) the artifact: a report is evidence about one version only.
 *
 * <p>Reading never throws. Whatever is wrong with the report is collected as problems, one per
 * field, so the gate can name every one of them at once rather than the first.
 *
 * @param modelVersion the version the report says it evaluated; null when it names none
 * @param modelDigest the artifact digest the report says it evaluated; null when it names none
 * @param evalSetId the fixed eval set's id; null when the report does not name one
 * @param evalSetSize how many cases the eval set has; null when the report does not say
 * @param metrics every metric with a finite numeric value, in report order
 * @param problems why the report does not count, one sentence fragment each; empty when it does
 */
record EvalReport(
    String modelVersion,
    String modelDigest,
    String evalSetId,
    Long evalSetSize,
    Map<String, Double> metrics,
    List<String> problems) {

  public EvalReport {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    problems = List.copyOf(problems);
  }

  /**
   * Reads a report: when the text is not a JSON object at all, a reading with no report and the
   * reason; otherwise the report, whose {@link #problems()} say what is wrong with it.
   */
  static Reading read(String json) {
    EvidenceJson.Parsed parsed = EvidenceJson.parse(json);
    if (!parsed.ok()) {
      return new Reading(null, parsed.problem());
    }
    if (!parsed.tree().isObject()) {
      return new Reading(
          null,
          "is not a JSON object: expected {\"evalSet\": {\"id\", \"size\"},"
              + " \"metrics\": {name: value}}");
    }
    return new Reading(fromTree(parsed.tree()), null);
  }

  /**
   * The outcome of reading: a report (possibly with problems), or why there is none, as a fragment
   * that follows the report's name ("is not valid JSON at line 1, column 9: ...").
   */
  record Reading(EvalReport report, String unreadable) {}

  /** Whether the report can be compared: it names its eval set and every metric is a number. */
  public boolean valid() {
    return problems.isEmpty();
  }

  /** What the next version is compared against. */
  public EvalSummary summary() {
    return new EvalSummary(evalSetId, evalSetSize, metrics);
  }

  private static EvalReport fromTree(JsonNode root) {
    List<String> problems = new ArrayList<>();
    String modelVersion = text(root, "modelVersion", problems);
    String modelDigest = text(root, "modelDigest", problems);
    String id = null;
    Long size = null;
    JsonNode evalSet = root.get("evalSet");
    if (evalSet == null || !evalSet.isObject()) {
      problems.add("evalSet is missing: name the fixed eval set as {\"id\": ..., \"size\": ...}");
    } else {
      JsonNode idNode = evalSet.get("id");
      if (idNode != null && idNode.isTextual() && !idNode.asText().isBlank()) {
        id = idNode.asText();
      } else {
        problems.add("evalSet.id is missing: name the fixed eval set the metrics come from");
      }
      JsonNode sizeNode = evalSet.get("size");
      if (sizeNode != null
          && sizeNode.isIntegralNumber()
          && sizeNode.canConvertToLong()
          && sizeNode.asLong() > 0) {
        size = sizeNode.asLong();
      } else {
        problems.add("evalSet.size is missing or not a positive whole number of cases");
      }
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    JsonNode metricsNode = root.get("metrics");
    if (metricsNode == null || !metricsNode.isObject() || metricsNode.isEmpty()) {
      problems.add("metrics is missing or empty: report at least one metric by name");
    } else {
      metricsNode
          .fields()
          .forEachRemaining(
              field -> readMetric(field.getKey(), field.getValue(), metrics, problems));
    }
    return new EvalReport(modelVersion, modelDigest, id, size, metrics, problems);
  }

  /** An optional top-level string field; anything but a non-blank string is a problem. */
  private static String text(JsonNode root, String field, List<String> problems) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      problems.add(field + " is " + abbreviated(node.toString()) + ", not a non-empty string");
      return null;
    }
    return node.asText();
  }

  private static void readMetric(
      String name, JsonNode value, Map<String, Double> metrics, List<String> problems) {
    if (!value.isNumber()) {
      problems.add("metrics." + name + " is " + abbreviated(value.toString()) + ", not a number");
      return;
    }
    double number = value.asDouble();
    if (Double.isNaN(number)) {
      problems.add("metrics." + name + " is NaN");
    } else if (Double.isInfinite(number)) {
      problems.add("metrics." + name + " is infinite");
    } else {
      metrics.put(name, number);
    }
  }

  private static String abbreviated(String json) {
    return json.length() <= 40 ? json : json.substring(0, 39) + "\u2026";
  }
}
