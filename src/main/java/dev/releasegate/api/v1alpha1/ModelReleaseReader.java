package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a ModelRelease part by part, so that a spec or status this operator cannot read (a string
 * where a number belongs, written before the CRD's schema said otherwise or by a client of another
 * version) leaves that part out and marks the release unreadable, instead of failing the read.
 *
 * <p>A failed read is fatal where it happens: the Fabric8 informer stops on it and JOSDK then stops
 * the operator (its design, ADR 002), and a relist fails again on the same object. One release's
 * typo would so stop every release. Read this way, the informer keeps running, and the reconciler
 * reports the unreadable release ({@link ModelRelease#unreadableSpec()}) and leaves it alone.
 *
 * <p>The marks are annotations on the object in memory, not on the server: JOSDK hands the
 * reconciler a copy made by writing the object and reading it back, and only metadata survives that
 * with the part left out. The metadata itself must read, or the release has no identity.
 */
public final class ModelReleaseReader extends StdDeserializer<ModelRelease> {

  public ModelReleaseReader() {
    super(ModelRelease.class);
  }

  @Override
  public ModelRelease deserialize(JsonParser parser, DeserializationContext context)
      throws IOException {
    JsonNode tree = parser.readValueAsTree();
    ModelRelease release = new ModelRelease();
    if (tree.hasNonNull("apiVersion")) {
      release.setApiVersion(tree.get("apiVersion").asText());
    }
    if (tree.hasNonNull("kind")) {
      release.setKind(tree.get("kind").asText());
    }
    if (tree.hasNonNull("metadata")) {
      release.setMetadata(context.readTreeAsValue(tree.get("metadata"), ObjectMeta.class));
    }
    release.setSpec(
        part(tree, "spec", ModelReleaseSpec.class, context, release, ModelRelease.UNREADABLE_SPEC));
    release.setStatus(
        part(
            tree,
            "status",
            ModelReleaseStatus.class,
            context,
            release,
            ModelRelease.UNREADABLE_STATUS));
    return release;
  }

  private static <T> T part(
      JsonNode tree,
      String field,
      Class<T> type,
      DeserializationContext context,
      ModelRelease release,
      String mark)
      throws IOException {
    if (!tree.hasNonNull(field)) {
      return null;
    }
    try {
      return context.readTreeAsValue(tree.get(field), type);
    } catch (DatabindException e) {
      Map<String, String> annotations = new LinkedHashMap<>();
      if (release.getMetadata().getAnnotations() != null) {
        annotations.putAll(release.getMetadata().getAnnotations());
      }
      annotations.put(mark, problem(field, e));
      release.getMetadata().setAnnotations(annotations);
      return null;
    }
  }

  /** "spec.canary.steps[2].weight: Cannot deserialize value of type ... from String "lots"...". */
  static String problem(String root, JsonProcessingException e) {
    StringBuilder path = new StringBuilder(root);
    if (e instanceof JsonMappingException mapping) {
      for (JsonMappingException.Reference reference : mapping.getPath()) {
        if (reference.getFieldName() != null) {
          path.append('.').append(reference.getFieldName());
        } else if (reference.getIndex() >= 0) {
          path.append('[').append(reference.getIndex()).append(']');
        }
      }
    }
    return path + ": " + e.getOriginalMessage();
  }
}
