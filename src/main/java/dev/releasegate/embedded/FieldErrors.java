package dev.releasegate.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON Schema library's errors said as a real API server says a schema violation: a {@code
 * StatusCause} per field with the server's reason ({@code FieldValueTypeInvalid}, {@code
 * FieldValueRequired}...), the field path as Kubernetes writes it ({@code
 * spec.canary.steps[2].weight}) and the server's wording, which kubectl prints after the path, e.g.
 * {@code Invalid value: "string": spec.canary.steps[2].weight in body must be of type integer:
 * "string"}.
 *
 * <p>Keywords without a Kubernetes wording here keep the library's message, under {@code
 * FieldValueInvalid}.
 */
final class FieldErrors {

  private FieldErrors() {}

  static List<StatusCause> of(List<Error> errors) {
    List<StatusCause> causes = new ArrayList<>(errors.size());
    for (Error error : errors) {
      causes.add(of(error));
    }
    return causes;
  }

  static StatusCause of(Error error) {
    String field = fieldPath(error.getInstanceLocation());
    JsonNode value = error.getInstanceNode();
    JsonNode rule = error.getSchemaNode();
    return switch (String.valueOf(error.getKeyword())) {
      case "required" -> {
        String missing = field.isEmpty() ? error.getProperty() : field + "." + error.getProperty();
        yield cause("FieldValueRequired", missing, "Required value");
      }
      case "type" -> {
        String actual = typeName(value);
        yield cause(
            "FieldValueTypeInvalid",
            field,
            invalid(
                quoted(actual),
                field + " in body must be of type " + expectedType(rule) + ": " + quoted(actual)));
      }
      case "enum" -> cause("FieldValueNotSupported", field, unsupported(value, rule));
      case "format" ->
          cause(
              "FieldValueInvalid",
              field,
              invalid(
                  literal(value),
                  field + " in body must be of type " + rule.asText() + ": " + literal(value)));
      case "pattern" ->
          cause(
              "FieldValueInvalid",
              field,
              invalid(literal(value), field + " in body should match '" + rule.asText() + "'"));
      case "minimum" ->
          cause(
              "FieldValueInvalid",
              field,
              invalid(
                  literal(value),
                  field + " in body should be greater than or equal to " + number(rule)));
      case "maximum" ->
          cause(
              "FieldValueInvalid",
              field,
              invalid(
                  literal(value),
                  field + " in body should be less than or equal to " + number(rule)));
      case "maxLength" ->
          cause(
              "FieldValueTooLong",
              field,
              "Too long: may not be more than " + number(rule) + " bytes");
      case "maxItems" ->
          cause(
              "FieldValueTooMany",
              field,
              "Too many: " + value.size() + ": must have at most " + number(rule) + " items");
      case "minLength" ->
          cause(
              "FieldValueInvalid",
              field,
              invalid(
                  literal(value),
                  field + " in body should be at least " + number(rule) + " chars long"));
      case "minItems" ->
          cause(
              "FieldValueInvalid",
              field,
              invalid(
                  literal(value),
                  field + " in body should have at least " + number(rule) + " items"));
      default -> cause("FieldValueInvalid", field, invalid(literal(value), error.getMessage()));
    };
  }

  /** {@code spec.canary.steps[2].weight}: names joined by dots, array indices in brackets. */
  static String fieldPath(NodePath location) {
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Integer index) {
        path.append('[').append(index).append(']');
      } else {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(element);
      }
    }
    return path.toString();
  }

  private static StatusCause cause(String reason, String field, String message) {
    return new StatusCauseBuilder()
        .withReason(reason)
        .withField(field)
        .withMessage(message)
        .build();
  }

  private static String invalid(String value, String detail) {
    return "Invalid value: " + value + ": " + detail;
  }

  private static String unsupported(JsonNode value, JsonNode allowed) {
    List<String> values = new ArrayList<>();
    allowed.forEach(v -> values.add(literal(v)));
    return "Unsupported value: "
        + literal(value)
        + ": supported values: "
        + String.join(", ", values);
  }

  /** The JSON type of a value, as the server names it in a type error. */
  private static String typeName(JsonNode value) {
    if (value == null || value.isNull()) {
      return "null";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    return switch (value.getNodeType()) {
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case ARRAY -> "array";
      default -> "object";
    };
  }

  private static String expectedType(JsonNode rule) {
    return rule == null ? "" : rule.isArray() ? rule.toString() : rule.asText();
  }

  /**
   * A value as Go's {@code %q}/{@code %v} print it in field errors: strings quoted, numbers bare.
   */
  private static String literal(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "null";
    }
    if (value.isTextual()) {
      return quoted(value.asText());
    }
    if (value.isNumber()) {
      return number(value);
    }
    return value.isContainerNode() ? quoted(value.toString()) : value.asText();
  }

  private static String number(JsonNode number) {
    if (number == null || !number.isNumber()) {
      return String.valueOf(number);
    }
    double d = number.asDouble();
    return d == Math.rint(d) && !Double.isInfinite(d)
        ? String.valueOf(number.asLong())
        : number.asText();
  }

  private static String quoted(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
