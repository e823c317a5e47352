package dev.releasegate.lifecycle;

import java.time.Instant;

/**
 * One act in a release's life, as its audit trail keeps it: who signed, skipped, paused, retried or
 * pulled the kill switch, and every rollback and promotion the operator made. Unlike an Event,
 * which a cluster expires after an hour, the operator keeps it in the release's audit trail
 * ConfigMap.
 *
 * @param at when the operator saw or did it
 * @param act what happened: a reason (KillSwitch, PauseSkipped, Promoted...) or Signed, Withdrawn,
 *     Paused, Resumed
 * @param version the version it concerns
 * @param by who did it, as the annotation's by= names them (the admission policy makes that the
 *     requester); null for what the operator did on its own
 * @param detail the sentence status or the Event said, cut to {@link #DETAIL_LIMIT} characters
 */
public record AuditEntry(Instant at, String act, String version, String by, String detail) {
  /** The longest detail kept, so a trail of many entries stays far below a ConfigMap's limit. */
  public static final int DETAIL_LIMIT = 600;

  public AuditEntry {
    detail =
        detail == null || detail.length() <= DETAIL_LIMIT
            ? detail
            : detail.substring(0, DETAIL_LIMIT - 1) + "…";
  }
}
