package dev.releasegate.lifecycle;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The requests people make of a release through annotations, so that plain {@code kubectl annotate}
 * is enough at 3 a.m. Read-only: the operator never writes them back.
 */
public record ReleaseAnnotations(Map<String, String> annotations) {
  public static final String KILL_SWITCH = "releasegate.dev/kill-switch";
  public static final String PAUSE = "releasegate.dev/pause";
  public static final String PROMOTE = "releasegate.dev/promote";
  public static final String RETRY = "releasegate.dev/retry";
  public static final String FREEZE_EXCEPTION = "releasegate.dev/freeze-exception";

  public ReleaseAnnotations {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /**
   * The kill switch's value ("true" or a reason) when it is set. An empty value is set too, read as
   * "no reason given": at 3 a.m. {@code kubectl annotate mrel x releasegate.dev/kill-switch=} must
   * roll back, not be ignored. Only "false" (or no annotation) is off.
   */
  public Optional<String> killSwitch() {
    return flag(KILL_SWITCH);
  }

  /** Whether on-call or a reviewer asked the canary to hold where it is. */
  public boolean paused() {
    return flag(PAUSE).isPresent();
  }

  /** The raw value of a one-shot request annotation (promote, retry), if present. */
  public Optional<String> request(String key) {
    return Optional.ofNullable(annotations.get(key)).map(String::trim).filter(v -> !v.isEmpty());
  }

  /**
   * Whether a one-shot request names this version: {@code 1.2.0} or {@code version=1.2.0; by=sam}.
   * Requests are bound to versions for the same reason sign-offs are.
   */
  public static boolean names(String value, String version) {
    String named = value.contains("=") ? fieldValue(value, "version") : value.trim();
    return version.equals(named);
  }

  /**
   * Whether a promote request may skip this step: one naming a step ({@code version=1.2.0; step=2})
   * skips that step only, so a request written for one step never skips a later one, nor a step of
   * the canary run again after a rollback.
   */
  public static boolean namesStep(String value, int step) {
    String named = value.contains("=") ? fieldValue(value, "step") : null;
    return named == null || named.equals(String.valueOf(step));
  }

  /**
   * Who a request says wrote it ({@code version=1.2.0; by=sam}), if it says: what it claims, since
   * an annotation does not say who set it.
   */
  public static Optional<String> by(String value) {
    return Optional.ofNullable(value.contains("=") ? fieldValue(value, "by") : null)
        .filter(by -> !by.isEmpty());
  }

  private static String fieldValue(String value, String field) {
    for (String part : value.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(field)) {
        return part.substring(eq + 1).trim();
      }
    }
    return null;
  }

  /** A flag is set by its annotation with any value but "false"; an empty one reads as below. */
  private Optional<String> flag(String key) {
    return Optional.ofNullable(annotations.get(key))
        .map(String::trim)
        .filter(v -> !v.toLowerCase(Locale.ROOT).equals("false"))
        .map(v -> v.isEmpty() ? NO_REASON : v);
  }

  /** What a flag set with an empty value says in status, Events and the rollback record. */
  static final String NO_REASON = "set with no reason given";
}
