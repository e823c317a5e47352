package dev.releasegate.api.v1alpha1;

/** Where a rollback rehearsal is, as {@code status.rehearsal.phase} names it. */
public enum RehearsalPhase {
  /** The candidate's traffic went to 0%; waiting for the stable version to carry everything. */
  ReturningToStable,
  /** The stable version carried everything; the candidate's traffic goes back. */
  ReturningToCanary,
  /** The return was quick enough, and the candidate's traffic is back. */
  Passed,
  /** The return took too long; the candidate is rolled back. */
  Failed
}
