package dev.releasegate.api.v1alpha1;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every gate a release can have, by the name status gives it ({@code status.gates[].name}): the
 * checklist's gates, the change freeze and the rollback rehearsal. docs/concepts.md lists them (a
 * test checks the page against this enum).
 */
public enum GateId {
  OWNERS("owners", "Every role the policy requires names an owner with a contact."),
  SIGNOFFS_BEFORE_TRAFFIC(
      "signoffs-before-traffic", "The owners who sign before any traffic signed this version."),
  SIGNOFFS_BEFORE_PROMOTION(
      "signoffs-before-promotion",
      "The owners who sign before full traffic signed this version (checked at the last step)."),
  PACKET(
      "packet", "Every artifact the policy requires is present, readable and matches its digest."),
  EVALUATION(
      "evaluation",
      "The eval report meets the release's tolerances against the approved version's."),
  SECURITY_FINDINGS(
      "security-findings", "No open critical or high red-team finding without a risk acceptance."),
  AGENT_ACTIONS("agent-actions", "An agent's every action has an approval path."),
  MODEL("model", "spec.model's image and uri name this version, not the approved one."),
  CANARY_PLAN("canary-plan", "The canary plan meets the risk tier's minimums."),
  CHANGE_FREEZE(
      "change-freeze", "The change freeze after the last promotion is over, or excepted."),
  ROLLBACK_REHEARSAL(
      "rollback-rehearsal", "The rollback was rehearsed before promotion, where the policy asks.");

  private final String id;
  private final String meaning;

  GateId(String id, String meaning) {
    this.id = id;
    this.meaning = meaning;
  }

  /** The gate's name in status. */
  public String id() {
    return id;
  }

  /** One sentence for the docs: what the gate checks. */
  public String meaning() {
    return meaning;
  }

  /** Whether this gate waits for people's sign-offs. */
  public boolean isSignoff() {
    return this == SIGNOFFS_BEFORE_TRAFFIC || this == SIGNOFFS_BEFORE_PROMOTION;
  }

  /** Whether the gate needs only pass once the candidate has traffic (before full traffic). */
  public boolean afterTraffic() {
    return this == SIGNOFFS_BEFORE_PROMOTION || this == ROLLBACK_REHEARSAL;
  }

  /** The gate status names, if it is one of these. */
  public static Optional<GateId> of(String id) {
    return Arrays.stream(values()).filter(g -> g.id.equals(id)).findFirst();
  }
}
