package dev.releasegate.gate;

import dev.releasegate.api.v1alpha1.ConfigMapKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test fixtures: evidence as the reconciler would have read it from ConfigMaps. */
final class EvidenceFixtures {
  private EvidenceFixtures() {}

  /** The key {@code name} of the ConfigMap {@code release-evidence}. */
  static ConfigMapKey key(String name) {
    return new ConfigMapKey("release-evidence", name);
  }

  /** A key that was read, with the digest the reader computes. */
  static EvidenceDocument read(ConfigMapKey ref, String content) {
    return EvidenceDocument.read(ref, content, sha256(content));
  }

  /** Evidence holding the given documents. */
  static Evidence evidence(EvidenceDocument... documents) {
    Map<ConfigMapKey, EvidenceDocument> byRef = new LinkedHashMap<>();
    for (EvidenceDocument document : documents) {
      byRef.put(document.ref(), document);
    }
    return new Evidence(byRef);
  }

  static String sha256(String content) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
