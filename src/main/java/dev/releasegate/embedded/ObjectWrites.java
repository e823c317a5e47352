package dev.releasegate.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.util.Optional;

/**
 * POST, PUT and PATCH as a real API server does them: each computes the whole resulting object and
 * hands it to the store's create or replace.
 *
 * <p>What the mock gets wrong and this fixes: server-side apply (missing), merge patch (not RFC
 * 7386), strategic merge patch (missing), {@code /status} behind a query string (not recognised),
 * stale {@code resourceVersion} on {@code /status} (accepted), status subresources of built-in
 * kinds (missing), {@code /scale} (stored as the whole object), {@code dryRun} (stored anyway),
 * access reviews (stored instead of answered), custom resources that break their CRD's schema
 * (stored anyway; see {@link CustomResourceValidation}).
 */
final class ObjectWrites {

  private static final ObjectMapper JSON = Serialization.jsonMapper();

  private final ObjectStore store;
  private final CustomResourceValidation validation;

  ObjectWrites(ObjectStore store) {
    this.store = store;
    this.validation = new CustomResourceValidation(store::customResourceDefinitions);
  }

  MockResponse create(ResourcePath path, String contentType, String body, boolean dryRun) {
    ObjectNode object = RequestBody.object(contentType, body);
    if (AccessReviews.isReview(path)) {
      return Responses.json(201, AccessReviews.answer(path, object));
    }
    return create(path, object, dryRun);
  }

  MockResponse update(ResourcePath path, String contentType, String body, boolean dryRun)
      throws JsonProcessingException {
    requireName(path, "PUT");
    JsonNode current = store.read(path).orElseThrow(() -> ApiStatus.notFound(path));
    ObjectNode desired = RequestBody.object(contentType, body);
    return ScaleSubresource.applies(path)
        ? scale(path, current, desired, dryRun)
        : replace(path, current, desired, dryRun);
  }

  MockResponse patch(ResourcePath path, String contentType, String body, boolean dryRun)
      throws JsonProcessingException {
    requireName(path, "PATCH");
    String mediaType = RequestBody.mediaType(contentType);
    Optional<JsonNode> current = store.read(path);
    if (mediaType.equals("application/apply-patch+yaml")) {
      return apply(path, current, ServerSideApply.parse(body), dryRun);
    }
    if (mediaType.equals("application/strategic-merge-patch+json") && isCustomResource(path)) {
      // A real server has no patch strategy for a custom resource's fields and refuses, so kubectl
      // patch --type=strategic fails here as it would on a cluster.
      throw new ApiStatus(
          415,
          "UnsupportedMediaType",
          "the body of the request was in an unknown format - accepted media types include:"
              + " application/json-patch+json, application/merge-patch+json,"
              + " application/apply-patch+yaml");
    }
    JsonNode stored = current.orElseThrow(() -> ApiStatus.notFound(path));
    JsonNode patch = JSON.readTree(body);
    if (ScaleSubresource.applies(path)) {
      JsonNode scale = patched(mediaType, ScaleSubresource.of(stored), patch);
      return scale(path, stored, asObject(scale), dryRun);
    }
    return replace(path, stored, asObject(patched(mediaType, stored, patch)), dryRun);
  }

  private boolean isCustomResource(ResourcePath path) {
    return store.customResourceDefinitions().stream()
        .anyMatch(
            crd ->
                crd.getSpec().getGroup().equals(path.group())
                    && crd.getSpec().getNames().getPlural().equals(path.plural()));
  }

  private static JsonNode patched(String mediaType, JsonNode target, JsonNode patch) {
    return switch (mediaType) {
      case "application/merge-patch+json" -> JsonMergePatch.apply(target, patch);
      case "application/strategic-merge-patch+json" -> StrategicMergePatch.apply(target, patch);
      case "application/json-patch+json" -> jsonPatch(target, patch);
      default -> throw new ApiStatus(415, "UnsupportedMediaType", "unsupported patch " + mediaType);
    };
  }

  /** Writes a Scale's replicas to the object it views, and answers with the new Scale. */
  private MockResponse scale(ResourcePath path, JsonNode current, ObjectNode scale, boolean dryRun)
      throws JsonProcessingException {
    ObjectNode desired = ScaleSubresource.withReplicasOf(current, scale);
    MockResponse stored = replace(path.withoutSubresource(), current, desired, dryRun);
    if (stored.code() != 200) {
      return stored;
    }
    return Responses.json(200, ScaleSubresource.of(JSON.readTree(stored.getBody().readUtf8())));
  }

  private MockResponse apply(
      ResourcePath path, Optional<JsonNode> current, ObjectNode applied, boolean dryRun) {
    String manager = path.parameter("fieldManager").orElse("unknown");
    if (current.isEmpty()) {
      if (path.isStatus()) {
        throw ApiStatus.notFound(path);
      }
      return create(
          path.withoutName(), ServerSideApply.asNewObject(applied, path, manager), dryRun);
    }
    ObjectNode desired =
        path.isStatus()
            ? ServerSideApply.ontoStatus(current.get(), applied)
            : ServerSideApply.onto(current.get(), applied, manager);
    return replace(path, current.get(), desired, dryRun);
  }

  private MockResponse create(ResourcePath collection, ObjectNode object, boolean dryRun) {
    if (collection.subresource() == null && BuiltInStatusSubresources.has(collection)) {
      // A real server ignores status on create when the kind has a status subresource.
      object.remove("status");
    }
    FieldValidation.checkName(object.path("kind").asText(), collection.group(), object);
    String name = object.path("metadata").path("name").asText("");
    String namespace = object.path("metadata").path("namespace").asText(collection.namespace());
    if (!name.isEmpty() && store.read(collection.member(namespace, name)).isPresent()) {
      throw ApiStatus.alreadyExists(collection, name);
    }
    validation.check(collection, Optional.empty(), object);
    FieldValidation.checkBuiltIn(collection, object.path("kind").asText(), object);
    return dryRun ? Responses.json(201, object) : store.create(collection, object);
  }

  /**
   * Stores {@code desired} in place of {@code current}, after the checks a real server makes and
   * the mock does not: the optimistic lock on every path ({@code /status} included) and the status
   * subresource of built-in kinds. CRD status subresources are left to the store.
   */
  private MockResponse replace(
      ResourcePath path, JsonNode current, ObjectNode desired, boolean dryRun) {
    String expected = desired.path("metadata").path("resourceVersion").asText("");
    String actual = current.path("metadata").path("resourceVersion").asText("");
    if (!expected.isEmpty() && !expected.equals(actual)) {
      throw ApiStatus.conflict(path);
    }
    if (!path.isStatus() && BuiltInStatusSubresources.has(path)) {
      if (current.has("status")) {
        desired.set("status", current.get("status").deepCopy());
      } else {
        desired.remove("status");
      }
    }
    dropEmptyMap(desired, "labels");
    dropEmptyMap(desired, "annotations");
    validation.check(path, Optional.of(current), desired);
    FieldValidation.checkBuiltIn(path, desired.path("kind").asText(), desired);
    return dryRun ? Responses.json(200, desired) : store.replace(path, desired);
  }

  private static JsonNode jsonPatch(JsonNode stored, JsonNode patch) {
    try {
      return JsonPatch.apply(patch, stored);
    } catch (JsonPatchException e) {
      throw new ApiStatus(422, "Invalid", "the JSON patch cannot be applied: " + e.getMessage());
    }
  }

  /** Removing the last label or annotation leaves no empty map behind, as on a real server. */
  private static void dropEmptyMap(ObjectNode object, String metadataField) {
    JsonNode metadata = object.path("metadata");
    if (metadata.isObject()
        && metadata.has(metadataField)
        && metadata.get(metadataField).isEmpty()) {
      ((ObjectNode) metadata).remove(metadataField);
    }
  }

  private static void requireName(ResourcePath path, String method) {
    if (path.isCollection()) {
      throw new ApiStatus(405, "MethodNotAllowed", method + " needs an object name");
    }
  }

  private static ObjectNode asObject(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw ApiStatus.badRequest("the request body must be a JSON object");
    }
    return (ObjectNode) node;
  }
}
