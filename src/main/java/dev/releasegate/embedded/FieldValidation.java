package dev.releasegate.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * kubectl's server-side field validation ({@code ?fieldValidation=Strict}, what {@code kubectl
 * create} and {@code apply} send by default once the server's OpenAPI says it takes the parameter):
 * a write that names a field the kind does not have is refused, as a real server refuses it, rather
 * than having the field silently dropped. With {@code Warn} or {@code Ignore}, or none, a custom
 * resource's unknown fields are dropped (pruned) without a word (a real server would add a warning
 * to {@code Warn}), and a built-in kind's are kept, as the mock stores what it is given.
 *
 * <p>Checked: custom resources against their CRD's structural schema (the fields pruning drops),
 * every kind's {@code metadata}, and the built-in kinds in {@link #BUILT_IN}, which {@link
 * OpenApiV3} advertises the parameter for; no other built-in kind, so kubectl asks for {@code
 * --validate=false} for those.
 */
final class FieldValidation {
  static final String PARAMETER = "fieldValidation";

  /** The built-in kinds whose fields this server knows: their top-level fields, by resource. */
  static final Map<String, Set<String>> BUILT_IN =
      Map.of(
          "configmaps",
          Set.of("apiVersion", "kind", "metadata", "data", "binaryData", "immutable"));

  /** The kinds of {@link #BUILT_IN}, by resource, for the OpenAPI documents. */
  static final Map<String, String> BUILT_IN_KINDS = Map.of("configmaps", "ConfigMap");

  private static final Set<String> OBJECT_META =
      Set.of(
          "name",
          "generateName",
          "namespace",
          "selfLink",
          "uid",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "deletionTimestamp",
          "deletionGracePeriodSeconds",
          "labels",
          "annotations",
          "ownerReferences",
          "finalizers",
          "managedFields");

  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private FieldValidation() {}

  /**
   * Drops the fields of {@code object}'s metadata that ObjectMeta does not have, as a real server
   * drops them whatever the request asks, and returns them (strict validation refuses a write that
   * names any). Dropped every time, so none is ever stored to trouble a later write.
   */
  static List<String> pruneMetadata(JsonNode object) {
    List<String> unknown = new ArrayList<>();
    JsonNode metadata = object.path("metadata");
    if (metadata.isObject()) {
      metadata
          .fieldNames()
          .forEachRemaining(
              field -> {
                if (!OBJECT_META.contains(field)) {
                  unknown.add("metadata." + field);
                }
              });
      unknown.forEach(
          field -> ((ObjectNode) metadata).remove(field.substring("metadata.".length())));
    }
    return unknown;
  }

  /**
   * Refuses a name a real server refuses for every object: a lowercase RFC 1123 subdomain of at
   * most 253 characters. (A name kubectl cannot put in a URL could not be read or deleted again.)
   */
  static void checkName(String kind, String group, JsonNode object) {
    String name = object.path("metadata").path("name").asText("");
    if (name.isEmpty() || (name.length() <= 253 && SUBDOMAIN.matcher(name).matches())) {
      return;
    }
    throw ApiStatus.invalid(
        kind,
        group,
        name,
        List.of(
            new StatusCauseBuilder()
                .withField("metadata.name")
                .withReason("FieldValueInvalid")
                .withMessage(
                    "Invalid value: \""
                        + name
                        + "\": a lowercase RFC 1123 subdomain must consist of lower case"
                        + " alphanumeric characters, '-' or '.', and must start and end with an"
                        + " alphanumeric character, at most 253 characters")
                .build()));
  }

  /**
   * Refuses a write to a built-in kind of {@link #BUILT_IN} that names a field the kind does not
   * have, when the request asks for strict validation.
   */
  static void checkBuiltIn(ResourcePath path, String kind, JsonNode object) {
    List<String> unknownMetadata = pruneMetadata(object);
    Set<String> fields = BUILT_IN.get(path.plural());
    if (fields == null || path.group() != null || path.subresource() != null) {
      return;
    }
    for (String map : List.of("data", "binaryData")) {
      object
          .path(map)
          .fields()
          .forEachRemaining(
              entry -> {
                if (!entry.getValue().isTextual()) {
                  // A real server cannot decode it into a map of strings, and says so.
                  throw ApiStatus.badRequest(
                      kind
                          + " in version \""
                          + path.version()
                          + "\" cannot be handled as a "
                          + kind
                          + ": "
                          + map
                          + "."
                          + entry.getKey()
                          + " must be a string, not "
                          + entry.getValue().getNodeType().toString().toLowerCase(Locale.ROOT));
                }
              });
    }
    List<String> unknown = new ArrayList<>();
    object
        .fieldNames()
        .forEachRemaining(
            field -> {
              if (!fields.contains(field)) {
                unknown.add(field);
              }
            });
    unknown.addAll(unknownMetadata);
    check(path, kind, unknown);
  }

  /** Throws a real server's 400 when the request is strict and {@code unknown} is not empty. */
  static void check(ResourcePath path, String kind, List<String> unknown) {
    boolean strict = path.parameter(PARAMETER).filter("Strict"::equalsIgnoreCase).isPresent();
    if (!strict || unknown.isEmpty()) {
      return;
    }
    throw ApiStatus.badRequest(
        kind
            + " in version \""
            + path.version()
            + "\" cannot be handled as a "
            + kind
            + ": strict decoding error: "
            + unknown.stream()
                .map(field -> "unknown field \"" + field + "\"")
                .collect(Collectors.joining(", ")));
  }
}
