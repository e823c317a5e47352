package dev.releasegate.gate;

import dev.releasegate.api.v1alpha1.ConfigMapKey;
import java.util.Optional;

/**
 * One ConfigMap key of evidence as the operator read it from its cache: the content and its
 * SHA-256, or why it could not be read (missing ConfigMap, missing key, empty, too large).
 *
 * @param ref where it was read from
 * @param content the value, UTF-8 (binaryData is decoded); null when it could not be read
 * @param sha256 the hex SHA-256 of the value's bytes; null when it could not be read
 * @param problem why it could not be read, a sentence naming the ConfigMap and key; null when read
 */
public record EvidenceDocument(ConfigMapKey ref, String content, String sha256, String problem) {

  public static EvidenceDocument read(ConfigMapKey ref, String content, String sha256) {
    return new EvidenceDocument(ref, content, sha256, null);
  }

  public static EvidenceDocument unreadable(ConfigMapKey ref, String problem) {
    return new EvidenceDocument(ref, null, null, problem);
  }

  /** The content, when it was read. */
  public Optional<String> text() {
    return Optional.ofNullable(content);
  }
}
