package dev.releasegate.gate;

import dev.releasegate.api.v1alpha1.ConfigMapKey;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the release's spec points at in ConfigMaps, as read before a decision. Gates are pure
 * functions of it, so they never call the API and never throw on bad evidence: what cannot be read
 * is a named reason, and missing evidence means no.
 */
public record Evidence(Map<ConfigMapKey, EvidenceDocument> documents) {
  public static final Evidence NONE = new Evidence(Map.of());

  public Evidence {
    documents = Map.copyOf(documents);
  }

  /** What was read at a reference; a reference nobody looked up reads as missing. */
  public EvidenceDocument at(ConfigMapKey ref) {
    return Optional.ofNullable(documents.get(ref))
        .orElseGet(() -> EvidenceDocument.unreadable(ref, ref + " was not read"));
  }
}
