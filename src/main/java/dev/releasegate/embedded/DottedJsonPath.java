package dev.releasegate.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the "simple JSONPath" that CRD {@code additionalPrinterColumns} allow: a dotted field
 * path with optional list indexes, e.g. {@code .status.phase} or {@code
 * .status.conditions[0].type}. Field selectors and built-in Table cells name fields the same way,
 * without the leading dot.
 *
 * <p>Written by hand: the only JSONPath engine a real server uses is client-go's, and nothing on
 * this classpath evaluates JSONPath; the printer-column subset is small enough to walk directly.
 */
final class DottedJsonPath {

  private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

  private DottedJsonPath() {}

  /** The value at {@code path}, or empty when any step is missing or null. */
  static Optional<JsonNode> find(JsonNode root, String path) {
    String expression = path.strip();
    if (expression.startsWith("{") && expression.endsWith("}")) {
      expression = expression.substring(1, expression.length() - 1);
    }
    JsonNode node = root;
    Matcher step = STEP.matcher(expression);
    while (step.find()) {
      node =
          step.group(1) != null
              ? node.path(step.group(1))
              : node.path(Integer.parseInt(step.group(2)));
      if (node.isMissingNode() || node.isNull()) {
        return Optional.empty();
      }
    }
    return Optional.of(node);
  }
}
