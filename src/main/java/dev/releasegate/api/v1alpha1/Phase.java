package dev.releasegate.api.v1alpha1;

/** Where a release stands in its lifecycle. */
public enum Phase {
  /** Seen, not yet evaluated. */
  Pending,
  /** The candidate gets no traffic until its gates pass. */
  AwaitingGates,
  /** Traffic is moving to the candidate, step by step. */
  Progressing,
  /** Held at the current step: by the pause annotation, a step without a pause, or a gate. */
  Paused,
  /** The candidate is the approved, stable version serving all traffic. */
  Promoted,
  /** The observation period after promotion ended. */
  Released,
  /** Traffic went back to the last approved version; see status.lastRollback. */
  RolledBack,
  /** The spec cannot be acted on; the serving version is left as it is. */
  Invalid
}
