package dev.releasegate.gate;

import java.util.LinkedHashMap;
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

  /**
   * Reads a sign-off value. Returns empty when it does not name both a version and a signer: such a
   * sign-off does not count, because approving an unnamed version could approve any version.
   */
  public static Optional<Signoff> parse(String role, String value) {
    Map<String, String> fields = fields(value);
    String version = fields.get("version");
    String by = fields.get("by");
    if (version == null || version.isEmpty() || by == null || by.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Signoff(role, version, by));
  }

  /** Splits {@code key=value; key=value} into a map; keys are case-insensitive. */
  static Map<String, String> fields(String value) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (value == null) {
      return fields;
    }
    for (String part : value.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        fields.put(
            part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
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
}
