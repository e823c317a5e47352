package dev.releasegate.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How built-in Table cells read an object's fields and write them as kubectl shows them: counts
 * that default to 0, {@code <none>} for nothing, label maps and selectors as {@code a=b,c in
 * (d,e)}.
 */
final class CellValues {

  static final String NONE = "<none>";

  private CellValues() {}

  /** The text at a dotted path, or null when it is missing or empty. */
  static String text(JsonNode object, String path) {
    return DottedJsonPath.find(object, path)
        .map(JsonNode::asText)
        .filter(text -> !text.isEmpty())
        .orElse(null);
  }

  /** The text at a dotted path, or {@code fallback} when it is missing or empty. */
  static String text(JsonNode object, String path, String fallback) {
    String text = text(object, path);
    return text == null ? fallback : text;
  }

  /** The number at a dotted path, or 0. */
  static long count(JsonNode object, String path) {
    return DottedJsonPath.find(object, path).map(JsonNode::asLong).orElse(0L);
  }

  /** One field of each element of the array at {@code arrayPath}, comma-separated. */
  static String joined(JsonNode object, String arrayPath, String field) {
    List<String> values = new ArrayList<>();
    DottedJsonPath.find(object, arrayPath)
        .ifPresent(items -> items.forEach(item -> values.add(item.path(field).asText())));
    return String.join(",", values);
  }

  /** The age of a timestamp, or {@code <unknown>} without one. */
  static String age(String timestamp, Instant now) {
    return timestamp == null ? "<unknown>" : HumanDuration.since(timestamp, now);
  }

  /** A label map as {@code a=b,c=d} sorted by key, or {@code <none>} when empty. */
  static String labels(JsonNode labels) {
    Map<String, String> sorted = new TreeMap<>();
    labels.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asText()));
    List<String> pairs = new ArrayList<>();
    sorted.forEach((key, value) -> pairs.add(key + "=" + value));
    return pairs.isEmpty() ? NONE : String.join(",", pairs);
  }

  /**
   * A LabelSelector as apimachinery prints it: {@code matchLabels} as {@code a=b}, then each
   * expression as {@code a in (x,y)}, {@code a notin (x)}, {@code a} or {@code !a}; {@code <none>}
   * when it selects everything.
   */
  static String labelSelector(JsonNode selector) {
    List<String> requirements = new ArrayList<>();
    String matchLabels = labels(selector.path("matchLabels"));
    if (!matchLabels.equals(NONE)) {
      requirements.add(matchLabels);
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      String key = expression.path("key").asText();
      List<String> values = new ArrayList<>();
      expression.path("values").forEach(value -> values.add(value.asText()));
      values.sort(null);
      String set = " (" + String.join(",", values) + ")";
      requirements.add(
          switch (expression.path("operator").asText()) {
            case "In" -> key + " in" + set;
            case "NotIn" -> key + " notin" + set;
            case "DoesNotExist" -> "!" + key;
            default -> key;
          });
    }
    return requirements.isEmpty() ? NONE : String.join(",", requirements);
  }
}
