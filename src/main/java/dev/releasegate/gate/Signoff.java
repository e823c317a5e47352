package dev.releasegate.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A reviewer's sign-off, read from an annotation {@code signoff.releasegate.dev/<role>} whose value
 * names the version it approves, the packet digest it approves (see {@link PacketDigest}) and who
 * approved it: {@code version=1.2.0; digest=sha256:ab12cd34ef56; by=sam}. A value written before
 * digests ({@code version=1.2.0; by=sam}) still reads: the operator binds it to the digest in force
 * when it first sees it (see {@code SignoffGate}).
 *
 * @param digest the digest it names, in lower case; null when it names none
 */
public record Signoff(String role, String version, String by, String digest) {

  /** A sign-off that names no digest. */
  public Signoff(String role, String version, String by) {
    this(role, version, by, null);
  }

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
    return Optional.of(
        new Signoff(
            role,
            fields.get("version").get(0),
            fields.get("by").get(0),
            fields.containsKey("digest")
                ? fields.get("digest").get(0).toLowerCase(Locale.ROOT)
                : null));
  }

  /**
   * Why a sign-off value does not count, in words that fit after its annotation key; empty when it
   * counts. It counts when it names exactly one version and one signer, each of a sensible length,
   * so status never copies a document into itself, and at most one digest of the form the status
   * shows.
   */
  public static Optional<String> problem(String value) {
    return problem(fields(value));
  }

  private static Optional<String> problem(Map<String, List<String>> fields) {
    for (String field : List.of("version", "by", "digest")) {
      List<String> values = fields.getOrDefault(field, List.of());
      if (values.size() > 1) {
        return Optional.of(
            "names "
                + switch (field) {
                  case "by" -> "a signer";
                  case "digest" -> "a digest";
                  default -> "a version";
                }
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
    List<String> digest = fields.getOrDefault("digest", List.of());
    if (!digest.isEmpty()
        && !PacketDigest.NAMED.matcher(digest.get(0).toLowerCase(Locale.ROOT)).matches()) {
      return Optional.of(
          "names digest="
              + (digest.get(0).length() > 80
                  ? digest.get(0).substring(0, 79) + "\u2026"
                  : digest.get(0))
              + ", not sha256: and 12 to 64 hex digits as status.packetDigest shows it");
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
    return Map.entry(
        ANNOTATION_PREFIX + role,
        "version=" + version + (digest == null ? "" : "; digest=" + digest) + "; by=" + by);
  }

  /** The same sign-off naming a digest, as an approval-time sign-off is put back in force. */
  public Signoff naming(String packetDigest) {
    return new Signoff(role, version, by, packetDigest);
  }
}
