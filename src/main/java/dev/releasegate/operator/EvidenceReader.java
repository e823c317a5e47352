package dev.releasegate.operator;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.ConfigMapKey;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.gate.Evidence;
import dev.releasegate.gate.EvidenceDocument;
import dev.releasegate.gate.EvidenceRefs;
import dev.releasegate.traffic.LeanInformerStore;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the evidence a release points at from the informer cache of evidence ConfigMaps (those
 * labelled {@code releasegate.dev/evidence=true}), so gates never call the API and a change to the
 * evidence re-evaluates every release that refers to it. What cannot be read becomes a sentence
 * naming the ConfigMap and key.
 */
final class EvidenceReader {
  static final String EVIDENCE_LABEL = "releasegate.dev/evidence";

  /** Kubernetes' own limit for a ConfigMap; the embedded API and old servers do not enforce it. */
  static final int MAX_BYTES = 1024 * 1024;

  private EvidenceReader() {}

  /** Watches evidence ConfigMaps and maps each to the releases that refer to it. */
  static InformerEventSource<ConfigMap, ModelRelease> eventSource(
      EventSourceContext<ModelRelease> context) {
    return new InformerEventSource<>(
        LeanInformerStore.lean(
                InformerEventSourceConfiguration.from(ConfigMap.class, ModelRelease.class), context)
            .withLabelSelector(EVIDENCE_LABEL + "=true")
            .withPrimaryToSecondaryMapper((ModelRelease release) -> referenced(release))
            .withSecondaryToPrimaryMapper(
                configMap ->
                    context
                        .getPrimaryCache()
                        .list(configMap.getMetadata().getNamespace())
                        .filter(r -> referenced(r).contains(ResourceID.fromResource(configMap)))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .build(),
        context);
  }

  /** What the release's evidence references resolve to now. */
  static Evidence read(ModelRelease release, Context<ModelRelease> context) {
    if (release.getSpec() == null) {
      return Evidence.NONE;
    }
    Map<String, ConfigMap> byName = new HashMap<>();
    context
        .getSecondaryResources(ConfigMap.class)
        .forEach(c -> byName.put(c.getMetadata().getName(), c));
    Map<ConfigMapKey, EvidenceDocument> documents = new HashMap<>();
    for (ConfigMapKey ref : EvidenceRefs.of(release.getSpec())) {
      documents.put(
          ref,
          document(
              ref,
              Optional.ofNullable(byName.get(ref.name())),
              release.getMetadata().getNamespace()));
    }
    return new Evidence(documents);
  }

  static EvidenceDocument document(
      ConfigMapKey ref, Optional<ConfigMap> configMap, String namespace) {
    if (configMap.isEmpty()) {
      return EvidenceDocument.unreadable(
          ref,
          "ConfigMap "
              + ref.name()
              + " was not found in namespace "
              + namespace
              + " among ConfigMaps labelled "
              + EVIDENCE_LABEL
              + "=true");
    }
    Optional<byte[]> bytes = value(configMap.get(), ref.key());
    if (bytes.isEmpty()) {
      return EvidenceDocument.unreadable(
          ref,
          "ConfigMap "
              + ref.name()
              + " has no key "
              + ref.key()
              + " (keys: "
              + String.join(", ", keys(configMap.get()))
              + ")");
    }
    if (bytes.get().length > MAX_BYTES) {
      return EvidenceDocument.unreadable(
          ref,
          ref + " is " + bytes.get().length / 1024 + " KiB, over the 1 MiB a ConfigMap may hold");
    }
    String content = new String(bytes.get(), StandardCharsets.UTF_8);
    if (content.isBlank()) {
      return EvidenceDocument.unreadable(ref, ref + " is empty");
    }
    return EvidenceDocument.read(ref, content, ObjectNames.digest(bytes.get()));
  }

  private static Optional<byte[]> value(ConfigMap configMap, String key) {
    if (configMap.getData() != null && configMap.getData().containsKey(key)) {
      String text = configMap.getData().get(key);
      return Optional.of((text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
    }
    if (configMap.getBinaryData() != null && configMap.getBinaryData().containsKey(key)) {
      try {
        return Optional.of(Base64.getDecoder().decode(configMap.getBinaryData().get(key)));
      } catch (IllegalArgumentException e) {
        return Optional.of(new byte[0]);
      }
    }
    return Optional.empty();
  }

  private static Set<String> keys(ConfigMap configMap) {
    Set<String> keys = new java.util.TreeSet<>();
    if (configMap.getData() != null) {
      keys.addAll(configMap.getData().keySet());
    }
    if (configMap.getBinaryData() != null) {
      keys.addAll(configMap.getBinaryData().keySet());
    }
    return keys;
  }

  private static Set<ResourceID> referenced(ModelRelease release) {
    if (release.getSpec() == null) {
      return Set.of();
    }
    return EvidenceRefs.of(release.getSpec()).stream()
        .map(ref -> new ResourceID(ref.name(), release.getMetadata().getNamespace()))
        .collect(Collectors.toSet());
  }
}
