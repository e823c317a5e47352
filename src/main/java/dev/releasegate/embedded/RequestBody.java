package dev.releasegate.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Locale;

/**
 * The object a POST or PUT sends, read as a real API server reads it: by its Content-Type, YAML for
 * {@code application/yaml} and JSON otherwise, also when there is none ({@code kubectl create --raw
 * -f} sends none, whatever the file holds).
 */
final class RequestBody {

  private static final ObjectMapper JSON = Serialization.jsonMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private RequestBody() {}

  /** The media type of a Content-Type header, lower case and without parameters; "" if none. */
  static String mediaType(String contentType) {
    return contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
  }

  /** The object in {@code body}; a 400 Status when it is not one. */
  static ObjectNode object(String contentType, String body) {
    boolean yaml = mediaType(contentType).equals("application/yaml");
    JsonNode node;
    try {
      node = (yaml ? YAML : JSON).readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw ApiStatus.badRequest(
          (yaml ? "the request body is not valid YAML: " : notJson()) + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw ApiStatus.badRequest("the request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  private static String notJson() {
    return "the request body is not valid JSON (a YAML body needs Content-Type: application/yaml,"
        + " which kubectl create --raw does not send): ";
  }
}
