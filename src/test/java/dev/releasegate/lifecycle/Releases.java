package dev.releasegate.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.ArtifactType;
import dev.releasegate.api.v1alpha1.CanarySpec;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.ConfigMapKey;
import dev.releasegate.api.v1alpha1.EvaluationSpec;
import dev.releasegate.api.v1alpha1.MetricTolerance;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.ModelSpec;
import dev.releasegate.api.v1alpha1.ObservationSpec;
import dev.releasegate.api.v1alpha1.Owner;
import dev.releasegate.api.v1alpha1.PacketArtifact;
import dev.releasegate.api.v1alpha1.PacketSpec;
import dev.releasegate.api.v1alpha1.TrafficRouting;
import dev.releasegate.gate.ChecklistPolicy;
import dev.releasegate.gate.Evidence;
import dev.releasegate.gate.EvidenceDocument;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test fixtures: a complete, valid release (a foundation-model wrapper handling personal data, at
 * the standard tier) with every piece of evidence it needs, and ways to change it.
 */
public final class Releases {
  public static final List<String> ALL_ROLES =
      List.of("product", "mlops", "security", "privacy", "business", "support");

  /** The ConfigMap holding the fixture's evidence, one key per artifact type. */
  public static final String EVIDENCE = "assistant-evidence";

  private Releases() {}

  public static List<Owner> owners() {
    return ALL_ROLES.stream().map(r -> new Owner(r, r + "-owner", r + "@example.com")).toList();
  }

  public static List<CanaryStep> steps() {
    return List.of(new CanaryStep(25, "10m"), new CanaryStep(50, "30m"), new CanaryStep(100, null));
  }

  public static ModelReleaseSpec spec(String version) {
    return spec(version, steps());
  }

  /**
   * A release whose canary holds each step an hour and whose last step waits to be promoted: the
   * canary people drive by hand in tests of the commands they paste.
   */
  public static ModelReleaseSpec hourlySteps(String version) {
    return spec(
        version,
        List.of(new CanaryStep(25, "1h"), new CanaryStep(50, "1h"), new CanaryStep(100, null)));
  }

  public static ModelReleaseSpec spec(String version, List<CanaryStep> steps) {
    return new ModelReleaseSpec(
        "FoundationModelWrapper",
        "standard",
        true,
        new ModelSpec(
            "assistant",
            version,
            "registry.example.com/assistant:" + version,
            "s3://models/assistant/" + version),
        null,
        4,
        null,
        owners(),
        packet(),
        new EvaluationSpec(
            null, List.of(new MetricTolerance("accuracy", "higherIsBetter", 0.01)), List.of()),
        new CanarySpec(steps, new TrafficRouting(null, null, null)),
        null,
        null,
        // No change freeze: most tests release one version after another; freeze tests set one.
        new ObservationSpec("720h", "0s"));
  }

  /** Every artifact the fixture's policy requires, each a key of the evidence ConfigMap. */
  public static PacketSpec packet() {
    List<ArtifactType> required =
        ChecklistPolicy.builtIn().requirements(specWithoutPacket()).artifacts();
    return new PacketSpec(
        required.stream()
            .map(
                type ->
                    new PacketArtifact(
                        type.name(), new ConfigMapKey(EVIDENCE, type.name()), null, null))
            .toList());
  }

  /**
   * The content of the evidence ConfigMap: an eval report with the given accuracy, clean findings.
   */
  public static Map<String, String> evidenceData(double accuracy) {
    return evidenceData(null, accuracy);
  }

  /**
   * The same, with an eval report that names the version it evaluated (none when null, as reports
   * written before modelVersion read).
   */
  public static Map<String, String> evidenceData(String version, double accuracy) {
    Map<String, String> data = new LinkedHashMap<>();
    for (PacketArtifact artifact : packet().artifacts()) {
      data.put(
          artifact.type(),
          switch (artifact.type()) {
            case "evalReport" ->
                (version == null ? "{" : "{\"modelVersion\": \"" + version + "\", ")
                    + "\"evalSet\": {\"id\": \"assistant-v1\", \"size\": 1200}, \"metrics\": {\"accuracy\": "
                    + accuracy
                    + "}}";
            case "securityFindings" ->
                "{\"findings\": [{\"id\": \"SEC-1\", \"title\": \"retrieval injection\", \"category\": \"LLM01\", \"severity\": \"high\", \"status\": \"verified\"}]}";
            default -> "The " + artifact.type() + " of the assistant.";
          });
    }
    return data;
  }

  /**
   * An evidence ConfigMap as a team writes it: labelled {@code releasegate.dev/evidence=true}, so
   * the operator reads it, with one key per artifact.
   */
  public static ConfigMap evidenceConfigMap(
      String namespace, String name, Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .addToLabels("releasegate.dev/evidence", "true")
        .endMetadata()
        .withData(data)
        .build();
  }

  /** The fixture's evidence as the reconciler would read it. */
  public static Evidence evidence(double accuracy) {
    return evidence(null, accuracy);
  }

  /**
   * The same, with an eval report of the given version (see {@link #evidenceData(String, double)}).
   */
  public static Evidence evidence(String version, double accuracy) {
    Map<ConfigMapKey, EvidenceDocument> documents = new HashMap<>();
    evidenceData(version, accuracy)
        .forEach(
            (key, content) -> {
              ConfigMapKey ref = new ConfigMapKey(EVIDENCE, key);
              documents.put(ref, EvidenceDocument.read(ref, content, ObjectNames.digest(content)));
            });
    return new Evidence(documents);
  }

  public static ModelRelease release(String version) {
    return release(spec(version));
  }

  public static ModelRelease release(ModelReleaseSpec spec) {
    ModelRelease release = new ModelRelease();
    release.setMetadata(
        new ObjectMetaBuilder()
            .withName("assistant")
            .withNamespace("ml")
            .withUid("uid-1")
            .withGeneration(1L)
            .withAnnotations(new HashMap<>())
            .build());
    release.setSpec(spec);
    return release;
  }

  /**
   * The same spec with one top-level field replaced, as a test changes it: records have no withers,
   * and one generic copy beats a constructor call per test.
   */
  public static ModelReleaseSpec with(ModelReleaseSpec spec, String field, Object value) {
    var mapper = Serialization.jsonMapper();
    ObjectNode node = mapper.valueToTree(spec);
    node.set(field, mapper.valueToTree(value));
    try {
      return mapper.treeToValue(node, ModelReleaseSpec.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("spec." + field + " cannot be " + value, e);
    }
  }

  /** The sign-off annotation value a reviewer writes. */
  public static String signoff(String version, String by) {
    return "version=" + version + "; by=" + by;
  }

  private static ModelReleaseSpec specWithoutPacket() {
    return new ModelReleaseSpec(
        "FoundationModelWrapper",
        "standard",
        true,
        null,
        null,
        4,
        null,
        owners(),
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
