package dev.releasegate.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A custom resource checked against its CRD version's {@code openAPIV3Schema} before it is stored,
 * as a real server checks it on create, update, patch and apply, main resource and {@code /status}
 * alike: pruned ({@link StructuralPruning}), then validated, and refused with 422 Invalid naming
 * each offending field ({@link FieldErrors}). Objects of other kinds pass untouched.
 *
 * <p>An update is not refused for an invalid value it left as it was ({@link
 * ValidationRatcheting}). What is validated is the object as it will be stored: when the CRD has a
 * status subresource, a write to the main resource keeps the stored status (a create has none) and
 * a write to {@code /status} keeps everything else, which is what the store then does.
 *
 * <p>Compiling a schema costs far more than using it, and the benchmark writes thousands of
 * objects, so each CRD version's compiled schema is kept until that CRD changes (a new uid or
 * resourceVersion).
 */
final class CustomResourceValidation {

  private final Supplier<List<CustomResourceDefinition>> crds;
  private final SchemaRegistry registry = StructuralSchemaDialect.registry();
  private final Map<String, CompiledSchema> compiled = new ConcurrentHashMap<>();

  /** One CRD version's schema as JSON and compiled, with what a 422 names. */
  private record CompiledSchema(
      String revision,
      String kind,
      String group,
      boolean statusSubresource,
      JsonNode json,
      Schema schema) {}

  CustomResourceValidation(Supplier<List<CustomResourceDefinition>> crds) {
    this.crds = crds;
  }

  /**
   * Prunes {@code desired} in place and throws a 422 {@link ApiStatus} when the object that would
   * be stored breaks the schema; does nothing for paths no CRD with a schema serves.
   *
   * @param current the stored object, empty on create
   */
  void check(ResourcePath path, Optional<JsonNode> current, ObjectNode desired) {
    Optional<CompiledSchema> found = schemaFor(path);
    if (found.isEmpty()) {
      return;
    }
    CompiledSchema schema = found.get();
    List<String> unknown = StructuralPruning.prune(desired, schema.json());
    unknown.addAll(FieldValidation.pruneMetadata(desired));
    FieldValidation.check(path, schema.kind(), unknown);
    List<Error> errors = schema.schema().validate(toBeStored(path, current, desired, schema));
    if (current.isPresent()) {
      errors = ValidationRatcheting.introduced(errors, current.get());
    }
    if (!errors.isEmpty()) {
      throw ApiStatus.invalid(
          schema.kind(), schema.group(), nameOf(path, desired), FieldErrors.of(errors));
    }
  }

  private static JsonNode toBeStored(
      ResourcePath path, Optional<JsonNode> current, ObjectNode desired, CompiledSchema schema) {
    if (!schema.statusSubresource()) {
      return desired;
    }
    // A shallow copy: only the top-level status differs, and validation only reads.
    ObjectNode stored = JsonNodeFactory.instance.objectNode();
    if (path.isStatus()) {
      stored.setAll(current.filter(JsonNode::isObject).map(ObjectNode.class::cast).orElse(desired));
      setOrRemove(stored, "status", desired.get("status"));
    } else {
      stored.setAll(desired);
      setOrRemove(stored, "status", current.map(c -> c.get("status")).orElse(null));
    }
    return stored;
  }

  private static void setOrRemove(ObjectNode object, String field, JsonNode value) {
    if (value == null) {
      object.remove(field);
    } else {
      object.set(field, value);
    }
  }

  private Optional<CompiledSchema> schemaFor(ResourcePath path) {
    if (path.group() == null || path.subresource() != null && !path.isStatus()) {
      return Optional.empty();
    }
    for (CustomResourceDefinition crd : crds.get()) {
      if (crd.getSpec() == null
          || !path.group().equals(crd.getSpec().getGroup())
          || !path.plural().equals(crd.getSpec().getNames().getPlural())) {
        continue;
      }
      for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
        if (version.getName().equals(path.version())
            && version.getSchema() != null
            && version.getSchema().getOpenAPIV3Schema() != null) {
          return Optional.of(compiled(crd, version));
        }
      }
    }
    return Optional.empty();
  }

  private CompiledSchema compiled(
      CustomResourceDefinition crd, CustomResourceDefinitionVersion version) {
    String key = crd.getMetadata().getName() + "/" + version.getName();
    String revision = crd.getMetadata().getUid() + "/" + crd.getMetadata().getResourceVersion();
    CompiledSchema cached = compiled.get(key);
    if (cached != null && cached.revision().equals(revision)) {
      return cached;
    }
    JsonNode json =
        Serialization.jsonMapper().valueToTree(version.getSchema().getOpenAPIV3Schema());
    CompiledSchema fresh =
        new CompiledSchema(
            revision,
            crd.getSpec().getNames().getKind(),
            crd.getSpec().getGroup(),
            version.getSubresources() != null && version.getSubresources().getStatus() != null,
            json,
            registry.getSchema(json));
    compiled.put(key, fresh);
    return fresh;
  }

  private static String nameOf(ResourcePath path, JsonNode object) {
    JsonNode metadata = object.path("metadata");
    if (metadata.hasNonNull("name")) {
      return metadata.get("name").asText();
    }
    return path.name() != null ? path.name() : metadata.path("generateName").asText("");
  }
}
