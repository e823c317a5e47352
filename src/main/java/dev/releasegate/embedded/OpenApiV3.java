package dev.releasegate.embedded;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * OpenAPI v3 documents built from the stored CRDs' schemas, enough for {@code kubectl explain
 * widgets.spec} to print field descriptions: the index {@code /openapi/v3} and one document per
 * custom group/version, {@code /openapi/v3/apis/{group}/{version}}.
 *
 * <p>kubectl explain finds a kind through the GET operation of its collection path. kubectl create
 * and apply look for a PATCH operation of the kind that takes the {@code fieldValidation} query
 * parameter: when there is one they leave validation to the server (which {@link FieldValidation}
 * does), and otherwise they validate against OpenAPI v2, which this server does not serve, and ask
 * for {@code --validate=false}. So each custom kind's document lists both operations, and {@code
 * api/v1} lists the PATCH of the built-in kinds the server checks ({@link
 * FieldValidation#BUILT_IN}); other built-in kinds are not described.
 */
final class OpenApiV3 {

  static final String ROOT = "/openapi/v3";
  private static final String CORE = "api/v1";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

  private final Supplier<List<CustomResourceDefinition>> crds;

  /** A kind's schema, its name in components/schemas and the read path kubectl looks it up by. */
  private record NamedSchema(String name, ObjectNode schema, String listPath, ObjectNode gvk) {}

  OpenApiV3(Supplier<List<CustomResourceDefinition>> crds) {
    this.crds = crds;
  }

  static boolean isOpenApiV3Path(String path) {
    return path.equals(ROOT) || path.startsWith(ROOT + "/");
  }

  /** The document for {@code path} (without query), or empty when there is none. */
  Optional<ObjectNode> describe(String path) {
    if (path.equals(ROOT)) {
      return Optional.of(index());
    }
    if (path.equals(ROOT + "/" + CORE)) {
      return Optional.of(core());
    }
    String prefix = ROOT + "/apis/";
    if (!path.startsWith(prefix)) {
      return Optional.empty();
    }
    String groupVersion = path.substring(prefix.length());
    List<NamedSchema> schemas = new ArrayList<>();
    for (CustomResourceDefinition crd : crds.get()) {
      for (CustomResourceDefinitionVersion version : servedWithSchema(crd)) {
        if (groupVersion.equals(crd.getSpec().getGroup() + "/" + version.getName())) {
          schemas.add(kindSchema(crd, version));
        }
      }
    }
    return schemas.isEmpty() ? Optional.empty() : Optional.of(document(groupVersion, schemas));
  }

  private ObjectNode index() {
    ObjectNode paths = NODES.objectNode();
    for (CustomResourceDefinition crd : crds.get()) {
      for (CustomResourceDefinitionVersion version : servedWithSchema(crd)) {
        String key = "apis/" + crd.getSpec().getGroup() + "/" + version.getName();
        paths.putObject(key).put("serverRelativeURL", ROOT + "/" + key);
      }
    }
    paths.putObject(CORE).put("serverRelativeURL", ROOT + "/" + CORE);
    ObjectNode index = NODES.objectNode();
    index.set("paths", paths);
    return index;
  }

  /** The core group's document: the PATCH of each built-in kind the server validates fields of. */
  private static ObjectNode core() {
    ObjectNode document = NODES.objectNode();
    document.put("openapi", "3.0.0");
    document.putObject("info").put("title", "Kubernetes").put("version", "v1");
    ObjectNode paths = document.putObject("paths");
    FieldValidation.BUILT_IN_KINDS.forEach(
        (plural, kind) ->
            patchWithFieldValidation(
                paths.putObject("/api/v1/namespaces/{namespace}/" + plural + "/{name}"),
                NODES.objectNode().put("group", "").put("version", "v1").put("kind", kind)));
    return document;
  }

  /** A PATCH operation of this kind that takes the fieldValidation query parameter. */
  private static void patchWithFieldValidation(ObjectNode path, ObjectNode gvk) {
    ObjectNode patch = path.putObject("patch");
    patch.set("x-kubernetes-group-version-kind", gvk);
    patch
        .putArray("parameters")
        .addObject()
        .put("name", FieldValidation.PARAMETER)
        .put("in", "query")
        .putObject("schema")
        .put("type", "string");
    patch.putObject("responses");
  }

  private static List<CustomResourceDefinitionVersion> servedWithSchema(
      CustomResourceDefinition crd) {
    if (crd.getSpec() == null || crd.getSpec().getVersions() == null) {
      return Collections.emptyList();
    }
    return crd.getSpec().getVersions().stream()
        .filter(v -> Boolean.TRUE.equals(v.getServed()))
        .filter(v -> v.getSchema() != null && v.getSchema().getOpenAPIV3Schema() != null)
        .toList();
  }

  private static ObjectNode document(String groupVersion, List<NamedSchema> kindSchemas) {
    ObjectNode document = NODES.objectNode();
    document.put("openapi", "3.0.0");
    document.putObject("info").put("title", "Kubernetes CRD Swagger").put("version", "v0.1.0");
    ObjectNode paths = document.putObject("paths");
    ObjectNode schemas = document.putObject("components").putObject("schemas");
    for (NamedSchema kind : kindSchemas) {
      ObjectNode read = paths.putObject(kind.listPath()).putObject("get");
      read.set("x-kubernetes-group-version-kind", kind.gvk());
      read.putObject("responses");
      patchWithFieldValidation(paths.putObject(kind.listPath() + "/{name}"), kind.gvk().deepCopy());
      schemas.set(kind.name(), kind.schema());
    }
    schemas.set(OBJECT_META, objectMeta());
    return document;
  }

  /** The CRD version's schema, named and tagged with its group/version/kind as kubectl expects. */
  private static NamedSchema kindSchema(
      CustomResourceDefinition crd, CustomResourceDefinitionVersion version) {
    ObjectNode schema =
        Serialization.jsonMapper().valueToTree(version.getSchema().getOpenAPIV3Schema());
    ObjectNode properties = schema.withObjectProperty("properties");
    properties
        .putObject("apiVersion")
        .put("type", "string")
        .put("description", "The versioned schema of this representation of an object.");
    properties
        .putObject("kind")
        .put("type", "string")
        .put("description", "The REST resource this object represents.");
    ObjectNode metadata = properties.putObject("metadata");
    metadata.put("description", "Standard object's metadata.");
    metadata.putArray("allOf").addObject().put("$ref", "#/components/schemas/" + OBJECT_META);

    String group = crd.getSpec().getGroup();
    String kind = crd.getSpec().getNames().getKind();
    ObjectNode gvk =
        NODES.objectNode().put("group", group).put("version", version.getName()).put("kind", kind);
    schema.putArray("x-kubernetes-group-version-kind").add(gvk);
    String listPath =
        "/apis/"
            + group
            + "/"
            + version.getName()
            + ("Namespaced".equals(crd.getSpec().getScope()) ? "/namespaces/{namespace}/" : "/")
            + crd.getSpec().getNames().getPlural();
    return new NamedSchema(
        reversed(group) + "." + version.getName() + "." + kind, schema, listPath, gvk.deepCopy());
  }

  /** "test.releasegate.dev" becomes "dev.releasegate.test", the naming a real server uses. */
  private static String reversed(String group) {
    List<String> parts = new ArrayList<>(List.of(group.split("\\.")));
    Collections.reverse(parts);
    return String.join(".", parts);
  }

  private static ObjectNode objectMeta() {
    ObjectNode meta = NODES.objectNode();
    meta.put("type", "object");
    meta.put("description", "Metadata all persisted resources must have.");
    ObjectNode properties = meta.putObject("properties");
    properties
        .putObject("name")
        .put("type", "string")
        .put("description", "Unique name in a namespace.");
    properties.putObject("namespace").put("type", "string").put("description", "The namespace.");
    properties
        .putObject("labels")
        .put("type", "object")
        .put("description", "Labels for organizing and selecting objects.")
        .putObject("additionalProperties")
        .put("type", "string");
    properties
        .putObject("annotations")
        .put("type", "object")
        .put("description", "Unstructured key-value data stored with the object.")
        .putObject("additionalProperties")
        .put("type", "string");
    return meta;
  }
}
