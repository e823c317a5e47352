package dev.releasegate.gate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.PacketArtifact;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The digest of what owners approve for a version: the model (name, version, image, weights), every
 * artifact of the packet by its content's SHA-256, the evaluation report, and the spec fields that
 * decide the gates (systemType, riskTier, handlesPersonalData, scope, evaluation tolerances and
 * tradeoffs, canary, rollback, analysis, observation and freeze). A sign-off that names it approves
 * exactly that; when any part changes, so does the digest, and the sign-off is stale.
 *
 * <p>Each part is reduced to a value of its own first: the three enumerated fields to themselves,
 * so a change can be told as "riskTier lowered from high to standard"; everything else to the
 * SHA-256 of its canonical JSON (keys sorted, nulls left out, so a field added to the API later
 * does not change the digest of a spec that does not use it). The digest is the SHA-256 of the
 * canonical JSON of the map of part to value.
 *
 * @param digest {@code sha256:} and 64 hex digits
 * @param parts each part's value: enumerated fields as written, others as 64 hex digits
 */
public record PacketDigest(String digest, Map<String, String> parts) {

  /** The hex digits people type, as the printed sign command writes them. */
  public static final int SHORT = 12;

  /** What an artifact that could not be read counts as: it changes once it can be. */
  static final String UNREAD = "unread";

  /** The parts whose value is the spec's value itself, in the order they are told. */
  static final java.util.List<String> VALUES =
      java.util.List.of("systemType", "riskTier", "handlesPersonalData");

  /** A digest a sign-off may name: the prefix and 12 to 64 hex digits of the current one. */
  public static final Pattern NAMED = Pattern.compile("^sha256:[0-9a-f]{" + SHORT + ",64}$");

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .findAndAddModules()
          .build();

  public PacketDigest {
    parts = java.util.Collections.unmodifiableMap(new TreeMap<>(parts));
  }

  /** The digest of a spec's version with the evidence as read. Never throws. */
  public static PacketDigest of(ModelReleaseSpec spec, Evidence evidence) {
    Map<String, String> parts = new TreeMap<>();
    if (spec == null) {
      // A spec the operator cannot read approves nothing; its digest is that of no parts.
      return new PacketDigest("sha256:" + ObjectNames.digest(canonical(parts)), parts);
    }
    parts.put("model", hash(spec.model()));
    parts.put("systemType", String.valueOf(spec.systemType()));
    parts.put("riskTier", Optional.ofNullable(spec.riskTier()).orElse("standard"));
    parts.put("handlesPersonalData", String.valueOf(spec.personalData()));
    parts.put("scope", hash(spec.scope()));
    parts.put("evaluation", hash(spec.evaluation()));
    parts.put("canary", hash(spec.canary()));
    parts.put("rollback", hash(spec.rollback()));
    parts.put("analysis", hash(spec.analysis()));
    parts.put("observation", hash(spec.observation()));
    for (PacketArtifact artifact : EvidenceRefs.artifacts(spec.packet())) {
      String key = artifact.type();
      for (int n = 2; parts.containsKey(key); n++) {
        key = artifact.type() + "#" + n;
      }
      parts.put(key, artifactDigest(artifact, evidence));
    }
    if (spec.evaluation() != null && spec.evaluation().reportRef() != null) {
      parts.put("evaluation.reportRef", content(evidence.at(spec.evaluation().reportRef())));
    }
    return new PacketDigest("sha256:" + ObjectNames.digest(canonical(parts)), parts);
  }

  /** What people type: {@code sha256:} and the first 12 hex digits. */
  public String shortDigest() {
    return digest.substring(0, "sha256:".length() + SHORT);
  }

  /**
   * Whether a sign-off that names {@code named} approves this digest: the full digest, or a prefix
   * of at least 12 hex digits of it.
   */
  public boolean matches(String named) {
    return named != null && NAMED.matcher(named).matches() && digest.startsWith(named);
  }

  /** Whether every artifact was read: only then is an unnamed sign-off bound to this digest. */
  public boolean complete() {
    return !parts.containsValue(UNREAD);
  }

  /**
   * The parts as status keeps them: enumerated values as they are, digests cut to 12 hex digits,
   * enough to tell which part changed.
   */
  public Map<String, String> shortParts() {
    Map<String, String> short12 = new TreeMap<>();
    parts.forEach((k, v) -> short12.put(k, VALUES.contains(k) ? v : abbreviate(v)));
    return short12;
  }

  /** A part's value cut as {@link #shortParts} cuts it. */
  static String abbreviate(String value) {
    return value.length() == 64 ? value.substring(0, SHORT) : value;
  }

  private static String artifactDigest(PacketArtifact artifact, Evidence evidence) {
    if (artifact.configMapKeyRef() == null) {
      // Evidence at a URL is not fetched: the digest the spec gives is what reviewers saw.
      return artifact.sha256() == null
          ? hash(artifact.url())
          : artifact.sha256().toLowerCase(java.util.Locale.ROOT);
    }
    return content(evidence.at(artifact.configMapKeyRef()));
  }

  private static String content(EvidenceDocument document) {
    return document.sha256() == null ? UNREAD : document.sha256();
  }

  private static String hash(Object value) {
    return ObjectNames.digest(canonical(value));
  }

  private static String canonical(Object value) {
    try {
      return CANONICAL.writeValueAsString(Objects.requireNonNullElse(value, ""));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("spec parts are plain JSON values", e);
    }
  }
}
