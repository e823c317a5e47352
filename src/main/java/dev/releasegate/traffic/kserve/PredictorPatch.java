package dev.releasegate.traffic.kserve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasegate.api.v1alpha1.ModelSpec;
import java.util.Objects;

/**
 * The JSON patch (RFC 6902) the KServe router writes: the predictor's model (its storage URI, or
 * its first container's image), its canaryTrafficPercent, and releasegate's annotations; only what
 * differs from what the InferenceService holds, and nothing else of it. Its owner (kubectl, Argo
 * CD) keeps every other field.
 */
final class PredictorPatch {
  private static final String PREDICTOR = "/spec/predictor";

  private final InferenceService service;
  private final ArrayNode ops = JsonNodeFactory.instance.arrayNode();
  private boolean annotationsExist;

  PredictorPatch(InferenceService service) {
    this.service = service;
    // An empty map is never serialised, so the stored object may have no annotations field at all.
    this.annotationsExist = !service.annotations().isEmpty();
  }

  /** Puts this version's model into the predictor. */
  PredictorPatch model(ModelSpec model) {
    boolean byUri = service.form() == InferenceService.Form.STORAGE_URI;
    String value = byUri ? model.uri() : model.image();
    if (value != null && !value.equals(service.artifact())) {
      String path = byUri ? PREDICTOR + "/model/storageUri" : PREDICTOR + "/containers/0/image";
      ops.add(op("add", path).put("value", value));
    }
    return this;
  }

  PredictorPatch canary(int percent) {
    if (!Objects.equals(service.canaryTrafficPercent(), percent)) {
      ops.add(op("add", PREDICTOR + "/canaryTrafficPercent").put("value", percent));
    }
    return this;
  }

  /** No canary: KServe sends all traffic to the latest ready revision and rolls it out. */
  PredictorPatch noCanary() {
    if (service.canaryTrafficPercent() != null) {
      ops.add(op("remove", PREDICTOR + "/canaryTrafficPercent"));
    }
    return this;
  }

  PredictorPatch annotation(String key, String value) {
    if (value.equals(service.annotations().get(key))) {
      return this;
    }
    if (annotationsExist) {
      ops.add(op("add", "/metadata/annotations/" + escape(key)).put("value", value));
    } else {
      ObjectNode annotations = JsonNodeFactory.instance.objectNode().put(key, value);
      ops.add(op("add", "/metadata/annotations").set("value", annotations));
      annotationsExist = true;
    }
    return this;
  }

  boolean isEmpty() {
    return ops.isEmpty();
  }

  String toJson() {
    return ops.toString();
  }

  /** JSON pointer escaping (RFC 6901): annotation keys hold '/'. */
  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static ObjectNode op(String op, String path) {
    return JsonNodeFactory.instance.objectNode().put("op", op).put("path", path);
  }
}
