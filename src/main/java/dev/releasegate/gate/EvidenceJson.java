package dev.releasegate.gate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads evidence that is JSON (evaluation reports, findings logs) into a tree, turning a parse
 * failure into a sentence instead of an exception.
 */
final class EvidenceJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          // Python's json module writes NaN and Infinity; accepting them lets a gate say which
          // metric is not a number instead of calling the whole report malformed.
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          // Two values for one metric are ambiguous: refuse rather than silently keep the last.
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private EvidenceJson() {}

  /** A parsed tree, or why the text is not JSON. Exactly one of the two is set. */
  record Parsed(JsonNode tree, String problem) {
    boolean ok() {
      return tree != null;
    }
  }

  /** Parses the text; blank text and trailing content are problems, never exceptions. */
  static Parsed parse(String text) {
    if (text == null || text.isBlank()) {
      return new Parsed(null, "is empty");
    }
    try (var parser = MAPPER.createParser(text)) {
      JsonNode tree = MAPPER.readTree(parser);
      if (tree == null || tree.isMissingNode()) {
        return new Parsed(null, "is empty");
      }
      if (parser.nextToken() != null) {
        return new Parsed(null, "is not valid JSON: unexpected content after the first value");
      }
      return new Parsed(tree, null);
    } catch (JacksonException e) {
      return new Parsed(null, "is not valid JSON" + at(e.getLocation()) + ": " + firstLine(e));
    } catch (java.io.IOException e) {
      // A String source never fails to read; kept so the gate can still answer.
      return new Parsed(null, "could not be read as JSON: " + e.getMessage());
    }
  }

  /** A field's text when it is a string or a number, else null (missing, object, array, null). */
  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && (value.isTextual() || value.isNumber()) ? value.asText() : null;
  }

  private static String at(JsonLocation location) {
    return location == null || location.getLineNr() < 1
        ? ""
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String firstLine(JacksonException e) {
    String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
    return message.lines().findFirst().orElse(message).trim();
  }
}
