package dev.releasegate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies YAML manifests the way a GitOps tool would for a newcomer's demo. */
final class Manifests {
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static final YAMLMapper YAML = new YAMLMapper();

  private Manifests() {}

  /**
   * Creates or updates every object in the file as written (the demo serves the addresses the
   * examples name); returns them as {@code Kind/name}.
   */
  static List<String> apply(KubernetesClient client, Path file, String namespace) {
    List<String> applied = new ArrayList<>();
    List<JsonNode> documents;
    try {
      documents = documents(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    // Evidence first: a release applied before its ConfigMaps would read them as missing.
    for (JsonNode document :
        documents.stream()
            .sorted(Comparator.comparing(d -> "ModelRelease".equals(d.path("kind").asText())))
            .toList()) {
      HasMetadata item = Serialization.unmarshal(document.toString());
      if (item.getMetadata().getNamespace() == null) {
        item.getMetadata().setNamespace(namespace);
      }
      recordAsKubectlApplyDoes(item, document);
      // Server-side apply, as a GitOps tool does: annotations others set (sign-offs, a freeze
      // exception) stay, where a plain update would drop them.
      client.resource(item).fieldManager("releasegate-demo").forceConflicts().serverSideApply();
      applied.add(item.getKind() + "/" + item.getMetadata().getName());
    }
    return applied;
  }

  /**
   * Records the manifest the way {@code kubectl apply} does, in its last-applied annotation, so a
   * person who edits an example and runs {@code kubectl apply -f} gets kubectl's three-way merge
   * against what the demo applied, and no warning that the annotation is missing.
   */
  private static void recordAsKubectlApplyDoes(HasMetadata item, JsonNode asWritten) {
    ObjectNode applied = asWritten.deepCopy();
    ObjectNode metadata = applied.withObjectProperty("metadata");
    metadata.put("namespace", item.getMetadata().getNamespace());
    metadata.withObjectProperty("annotations").remove(LAST_APPLIED);
    Map<String, String> annotations = new LinkedHashMap<>();
    if (item.getMetadata().getAnnotations() != null) {
      annotations.putAll(item.getMetadata().getAnnotations());
    }
    annotations.put(LAST_APPLIED, applied.toString());
    item.getMetadata().setAnnotations(annotations);
  }

  /** The file's documents as written, without the defaults a typed object would add. */
  private static List<JsonNode> documents(Path file) throws IOException {
    try (MappingIterator<JsonNode> documents =
        YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      return documents.readAll().stream().filter(JsonNode::isObject).toList();
    }
  }
}
