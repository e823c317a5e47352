package dev.releasegate.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A list or watch's {@code fieldSelector}, e.g. {@code involvedObject.name=web,type!=Normal}:
 * comma-separated requirements, all of which an object must meet, each a field, {@code =}, {@code
 * ==} or {@code !=}, and a value in which {@code \,}, {@code \=} and {@code \\} are escapes.
 *
 * <p>The mock matches a field selector only against {@code metadata.name} and {@code
 * metadata.namespace}, and finds nothing for any other field, which is why {@code kubectl describe}
 * showed no events. A real server accepts only the few fields each kind declares and rejects the
 * rest; this one is permissive and reads any dotted path into the object ({@code
 * involvedObject.uid}, {@code status.phase}, {@code spec.nodeName}). A missing field reads as the
 * empty string, as unset fields do on a real server, so {@code involvedObject.fieldPath=} matches
 * events without one.
 *
 * <p>Written by hand after apimachinery's {@code fields.ParseSelector}: the Fabric8 client only
 * builds selector strings, and nothing else on the classpath parses them.
 */
final class FieldSelector {

  static final String PARAMETER = "fieldSelector";
  private static final String[] OPERATORS = {"!=", "==", "="};

  private record Requirement(String field, boolean equal, String value) {}

  private final List<Requirement> requirements;

  private FieldSelector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  /** The selector in {@code path}'s query, or empty when it has none (or only a blank one). */
  static Optional<FieldSelector> of(ResourcePath path) {
    return path.parameter(PARAMETER).filter(s -> !s.isBlank()).map(FieldSelector::parse);
  }

  /**
   * Parses a selector.
   *
   * @throws IllegalArgumentException for a requirement without an operator or a bad escape, which
   *     the dispatcher answers with 400 Bad Request as a real server does
   */
  static FieldSelector parse(String selector) {
    List<Requirement> requirements = new ArrayList<>();
    for (String term : splitOnUnescapedCommas(selector)) {
      if (!term.isBlank()) {
        requirements.add(requirement(selector, term));
      }
    }
    return new FieldSelector(List.copyOf(requirements));
  }

  /** Whether {@code object} meets every requirement. */
  boolean matches(JsonNode object) {
    return requirements.stream()
        .allMatch(r -> r.value().equals(fieldValue(object, r.field())) == r.equal());
  }

  /** The items of a list that this selector matches, in their order. */
  ArrayNode select(JsonNode items) {
    ArrayNode selected = JsonNodeFactory.instance.arrayNode();
    items.forEach(
        item -> {
          if (matches(item)) {
            selected.add(item);
          }
        });
    return selected;
  }

  private static String fieldValue(JsonNode object, String field) {
    // The one field name on a real server that is not a path: an Event's "source" is its
    // source.component.
    String path =
        field.equals("source") && "Event".equals(object.path("kind").asText())
            ? "source.component"
            : field;
    return DottedJsonPath.find(object, path)
        .map(value -> value.isValueNode() ? value.asText() : value.toString())
        .orElse("");
  }

  private static List<String> splitOnUnescapedCommas(String selector) {
    List<String> terms = new ArrayList<>();
    StringBuilder term = new StringBuilder();
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '\\' && i + 1 < selector.length()) {
        term.append(c).append(selector.charAt(++i));
      } else if (c == ',') {
        terms.add(term.toString());
        term.setLength(0);
      } else {
        term.append(c);
      }
    }
    terms.add(term.toString());
    return terms;
  }

  /** Splits a term at its first unescaped operator, trying "!=" and "==" before "=". */
  private static Requirement requirement(String selector, String term) {
    for (int i = 0; i < term.length(); i++) {
      if (term.charAt(i) == '\\') {
        i++;
        continue;
      }
      for (String operator : OPERATORS) {
        if (term.startsWith(operator, i)) {
          String field = term.substring(0, i).strip();
          String value = unescape(selector, term.substring(i + operator.length()));
          return new Requirement(field, !operator.equals("!="), value);
        }
      }
    }
    throw new IllegalArgumentException(
        "invalid field selector: '" + selector + "'; can't understand '" + term + "'");
  }

  private static String unescape(String selector, String escaped) {
    StringBuilder value = new StringBuilder();
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c == '\\') {
        char next = i + 1 < escaped.length() ? escaped.charAt(++i) : 0;
        if (next != '\\' && next != ',' && next != '=') {
          throw new IllegalArgumentException(
              "invalid field selector: '" + selector + "'; invalid escape in '" + escaped + "'");
        }
        value.append(next);
      } else {
        value.append(c);
      }
    }
    return value.toString();
  }
}
