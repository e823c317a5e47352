package dev.releasegate.lifecycle;

import java.util.ArrayList;
import java.util.List;
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
   * The kill switch's reason when it is set ({@code reason=p99 4s; by=dana}, or the old free text,
   * or "true"). An empty value is set too, read as "no reason given": at 3 a.m. {@code kubectl
   * annotate mrel x releasegate.dev/kill-switch=} must roll back, not be ignored. Only the reason
   * "false" ({@code false; by=dana}, or no annotation) is off.
   */
  public Optional<String> killSwitch() {
    return flag(KILL_SWITCH);
  }

  /** Who the kill switch says pulled it, while it is set and says so. */
  public Optional<String> killSwitchBy() {
    return killSwitch().flatMap(reason -> by(annotations.get(KILL_SWITCH)));
  }

  /** The pause's value as written, while the canary is asked to hold where it is. */
  public Optional<String> pause() {
    return flag(PAUSE).map(reason -> annotations.get(PAUSE).trim());
  }

  /** Whether on-call or a reviewer asked the canary to hold where it is. */
  public boolean paused() {
    return pause().isPresent();
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
   * an annotation does not say who set it. Where the chart's admission policy is installed, the API
   * server has refused any by= but the requester's own user name.
   */
  public static Optional<String> by(String value) {
    return Optional.ofNullable(value.contains("=") ? fieldValue(value, "by") : null)
        .filter(by -> !by.isEmpty());
  }

  /**
   * The reason a kill switch or pause gives: its {@code reason=} field, else the parts of the value
   * that are not {@code reason=} or {@code by=} fields, so the old free text ({@code p99 4s,
   * paged}), a reason with an equals sign in it ({@code error rate=5%}) and {@code false; by=dana}
   * all read as written. Empty when it gives none.
   */
  static String reason(String value) {
    String field = fieldValue(value, "reason");
    return field != null ? field : unattributed(value);
  }

  /**
   * A request without its {@code by=}: two people pasting the same printed command write the same
   * request, so whether a request was used is judged on this.
   */
  static String unattributed(String value) {
    List<String> parts = new ArrayList<>();
    for (String part : value.split(";")) {
      if (!isField(part, "by") && !part.isBlank()) {
        parts.add(part.trim());
      }
    }
    return String.join("; ", parts);
  }

  /**
   * A request as the story tells it: {@code sam (releasegate.dev/promote=version=1.2.0; step=1;
   * by=sam)}, or only the annotation when it names no one.
   */
  static String asked(String key, String value) {
    String request = key + "=" + Draft.quoted(value);
    return by(value).map(by -> Draft.quoted(by) + " (" + request + ")").orElse(request);
  }

  private static boolean isField(String part, String field) {
    int eq = part.indexOf('=');
    return eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(field);
  }

  private static String fieldValue(String value, String field) {
    for (String part : value.split(";")) {
      if (isField(part, field)) {
        return part.substring(part.indexOf('=') + 1).trim();
      }
    }
    return null;
  }

  /**
   * A flag (kill switch, pause) is set by its annotation unless its reason is "false", so {@code
   * false; by=dana} turns it off and says who did; a value with no reason reads as below.
   */
  private Optional<String> flag(String key) {
    return Optional.ofNullable(annotations.get(key))
        .map(ReleaseAnnotations::reason)
        .filter(reason -> !reason.equalsIgnoreCase("false"))
        .map(reason -> reason.isEmpty() ? NO_REASON : reason);
  }

  /** What a flag set with an empty value says in status, Events and the rollback record. */
  static final String NO_REASON = "set with no reason given";
}
