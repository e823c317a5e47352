package dev.releasegate.gate;

import dev.releasegate.api.v1alpha1.GateId;

/** When in a release a sign-off is needed. */
public enum SignoffStage {
  /** Before any user traffic reaches the candidate. */
  BEFORE_TRAFFIC(GateId.SIGNOFFS_BEFORE_TRAFFIC),
  /** Before the candidate gets all traffic and becomes the approved version. */
  BEFORE_PROMOTION(GateId.SIGNOFFS_BEFORE_PROMOTION);

  private final GateId gate;

  SignoffStage(GateId gate) {
    this.gate = gate;
  }

  /** This stage's gate. */
  public GateId gate() {
    return gate;
  }
}
