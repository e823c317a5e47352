package dev.releasegate.gate;

/** When in a release a sign-off is needed. */
public enum SignoffStage {
  /** Before any user traffic reaches the candidate. */
  BEFORE_TRAFFIC("signoffs-before-traffic"),
  /** Before the candidate gets all traffic and becomes the approved version. */
  BEFORE_PROMOTION("signoffs-before-promotion");

  private final String gateName;

  SignoffStage(String gateName) {
    this.gateName = gateName;
  }

  /** The name of this stage's gate in status. */
  public String gateName() {
    return gateName;
  }
}
