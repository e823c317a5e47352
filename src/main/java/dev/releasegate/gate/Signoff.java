package dev.releasegate.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A reviewer's sign-off, read from an annotation {@code signoff.releasegate.dev/<role>} whose value
 * names the version it approves and who approved it: {@code version=1.2.0; by=sam}.
 */
public record Signoff(String role, String version, String by) {

  /** The annotation key prefix; the role follows the slash. */
  public static final String ANNOTATION_PREFIX = "signoff.releasegate.dev/";

  /** The role an annotation key signs for, if it is a sign-off annotation at all. */
  public static Optional<String> roleOf(String annotationKey) {
    return annotationKey.startsWith(ANNOTATION_PREFIX)
        ? Optional.of(annotationKey.substring(ANNOTATION_PREFIX.length()))
        : Optional.empty();
  }

  /** The longest signer a sign-off may name: a Kubernetes user name, not a document. */
  static final int MAX_SIGNER = 256;

  /** The longest version: versions label pods, and label values end at 63 characters. */
  static final int MAX_VERSION = 63;

  /**
   * Reads a sign-off value. Returns empty when it does not count (see {@link #problem}): approving
   * an unnamed or ambiguous version could approve any version.
   */
  public static Optional<Signoff> parse(String role, String value) {
    Map<String, List<String>> fields = fields(value);
    if (problem(fields).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(new Signoff(role, fields.get("version").get(0), fields.get("by").get(0)));
  }

  /**
   * Why a sign-off value does not count, in words that fit after its annotation key; empty when it
   * counts. It counts when it names exactly one version and one signer, each of a sensible length,
   * so status never copies a document into itself.
   */
  public static Optional<String> problem(String value) {
    return problem(fields(value));
  }

  private static Optional<String> problem(Map<String, List<String>> fields) {
    for (String field : List.of("version", "by")) {
      List<String> values = fields.getOrDefault(field, List.of());
      if (values.size() > 1) {
        return Optional.of(
            "names "
                + (field.equals("by") ? "a signer" : "a version")
                + " "
                + values.size()
                + " times, which is ambiguous");
      }
    }
    String version = fields.getOrDefault("version", List.of("")).get(0);
    String by = fields.getOrDefault("by", List.of("")).get(0);
    if (version.isEmpty() || by.isEmpty()) {
      return Optional.of("does not name a version and a signer");
    }
    if (version.length() > MAX_VERSION) {
      return Optional.of("names a version longer than " + MAX_VERSION + " characters");
    }
    if (by.length() > MAX_SIGNER) {
      return Optional.of("names a signer longer than " + MAX_SIGNER + " characters");
    }
    return Optional.empty();
  }

  /** Splits {@code key=value; key=value} into each key's values; keys are case-insensitive. */
  static Map<String, List<String>> fields(String value) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    if (value == null) {
      return fields;
    }
    for (String part : value.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        fields
            .computeIfAbsent(
                part.substring(0, eq).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(part.substring(eq + 1).trim());
      }
    }
    return fields;
  }

  /** Whether this sign-off approves exactly the given version. */
  public boolean approves(String candidateVersion) {
    return version.equals(candidateVersion);
  }

  /** How history records it. */
  public String record() {
    return role + "=" + by;
  }

  /** The sign-off history recorded as {@code role=signer} for {@code approvedVersion}. */
  public static Optional<Signoff> fromRecord(String record, String approvedVersion) {
    int eq = record.indexOf('=');
    return eq <= 0
        ? Optional.empty()
        : Optional.of(
            new Signoff(record.substring(0, eq), approvedVersion, record.substring(eq + 1)));
  }

  /** The annotation key and value that state this sign-off. */
  public Map.Entry<String, String> annotation() {
    return Map.entry(ANNOTATION_PREFIX + role, "version=" + version + "; by=" + by);
  }
}
