package dev.releasegate.traffic.kserve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which model version each KServe revision runs. KServe's status names revisions only (its traffic
 * split, its last rolled-out revision); the router learns a revision's version when KServe reports
 * it as the latest one created for a spec whose model it knows, and keeps what it learned in the
 * InferenceService's annotation {@code releasegate.dev/revisions} (the newest twenty), so the
 * revisions of earlier versions stay readable after the spec moves on.
 */
final class RevisionVersions {
  static final String ANNOTATION = "releasegate.dev/revisions";
  private static final int LIMIT = 20;

  private final LinkedHashMap<String, String> versions;

  private RevisionVersions(LinkedHashMap<String, String> versions) {
    this.versions = versions;
  }

  /** What the annotation holds; an unreadable value counts as nothing learned. */
  static RevisionVersions read(Map<String, String> annotations) {
    String json = annotations.get(ANNOTATION);
    if (json == null) {
      return new RevisionVersions(new LinkedHashMap<>());
    }
    try {
      return new RevisionVersions(
          Serialization.jsonMapper()
              .readValue(json, new TypeReference<LinkedHashMap<String, String>>() {}));
    } catch (JsonProcessingException e) {
      return new RevisionVersions(new LinkedHashMap<>());
    }
  }

  /** The same, knowing that {@code revision} runs {@code version}. */
  RevisionVersions learning(String revision, String version) {
    if (revision == null || version == null || version.equals(versions.get(revision))) {
      return this;
    }
    LinkedHashMap<String, String> more = new LinkedHashMap<>(versions);
    more.remove(revision);
    more.put(revision, version);
    while (more.size() > LIMIT) {
      more.remove(more.keySet().iterator().next());
    }
    return new RevisionVersions(more);
  }

  Optional<String> versionOf(String revision) {
    return Optional.ofNullable(revision == null ? null : versions.get(revision));
  }

  String toJson() {
    return Serialization.asJson(versions);
  }
}
