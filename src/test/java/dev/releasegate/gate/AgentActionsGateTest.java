package dev.releasegate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.ApprovalPath;
import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.ScopeAction;
import dev.releasegate.api.v1alpha1.ScopeSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentActionsGateTest {
  private static final ApprovalPath CLAIMS_DESK =
      new ApprovalPath(true, "claims-desk", "An adjuster confirms each update.");
  private static final ApprovalPath AUTOMATIC =
      new ApprovalPath(false, null, "Rate-limited; logged for audit.");

  private static ScopeSpec scope(ScopeAction... actions) {
    return new ScopeSpec(null, null, null, null, null, null, List.of(actions));
  }

  @Test
  void aSystemWithoutActionsHasNothingToApprove() {
    GateStatus gate = AgentActionsGate.evaluate(scope());

    assertThat(gate.name()).isEqualTo("agent-actions");
    assertThat(gate.satisfied()).isTrue();
    assertThat(gate.reason())
        .isEqualTo(
            "The system declares no real-world actions in spec.scope.actions, so none needs an"
                + " approval path.");
    assertThat(AgentActionsGate.evaluate(null).satisfied()).isTrue();
  }

  @Test
  void anActionWithoutAnApprovalPathBlocks() {
    GateStatus gate =
        AgentActionsGate.evaluate(
            scope(
                new ScopeAction("open-ticket", false, null),
                new ScopeAction("tag-ticket", false, new ApprovalPath(null, " ", null))));

    assertThat(gate.satisfied()).isFalse();
    assertThat(gate.missing())
        .containsExactly(
            "open-ticket has no approvalPath: say who or what approves it before it takes effect",
            "tag-ticket has no approvalPath: say who or what approves it before it takes effect");
  }

  @Test
  void aWritingActionWithoutHumanApprovalBlocks() {
    GateStatus gate =
        AgentActionsGate.evaluate(
            scope(
                new ScopeAction("update-claim", true, AUTOMATIC),
                new ScopeAction("send-email", true, CLAIMS_DESK)));

    assertThat(gate.satisfied()).isFalse();
    assertThat(gate.missing())
        .containsExactly("update-claim writes to an external system without a human approval step");
    assertThat(gate.reason())
        .isEqualTo(
            "Every action needs an approval path, and every write to an external system a human"
                + " approval step: update-claim writes to an external system without a human"
                + " approval step.");
  }

  @Test
  void aReadOnlyActionMayBeApprovedAutomatically() {
    GateStatus gate =
        AgentActionsGate.evaluate(
            scope(
                new ScopeAction("look-up-policy", null, AUTOMATIC),
                new ScopeAction("update-claim", true, CLAIMS_DESK)));

    assertThat(gate.satisfied()).isTrue();
    assertThat(gate.reason())
        .isEqualTo(
            "All 2 real-world actions have an approval path, and the one that writes to an"
                + " external system waits for a person's approval.");
  }

  @Test
  void anActionWithoutANameIsNamedByItsPosition() {
    GateStatus gate = AgentActionsGate.evaluate(scope(new ScopeAction(null, true, null)));

    assertThat(gate.missing())
        .containsExactly(
            "spec.scope.actions[0] has no approvalPath: say who or what approves it before it"
                + " takes effect");
  }
}
