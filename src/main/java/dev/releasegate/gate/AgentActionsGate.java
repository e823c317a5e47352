package dev.releasegate.gate;

import dev.releasegate.api.v1alpha1.ApprovalPath;
import dev.releasegate.api.v1alpha1.GateId;
import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.ScopeAction;
import dev.releasegate.api.v1alpha1.ScopeSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether every real-world action the system can take has an approval path, and every action that
 * writes to an external system waits for a person. The checklist's agent failure: the agent takes
 * actions a user never expected, or writes to a system without a human approval step.
 */
public final class AgentActionsGate {

  private AgentActionsGate() {}

  /**
   * Evaluates the gate against spec.scope.actions.
   *
   * @param scope spec.scope; may be null, which declares no actions
   */
  public static GateStatus evaluate(ScopeSpec scope) {
    List<ScopeAction> actions =
        scope == null || scope.actions() == null ? List.of() : scope.actions();
    if (actions.isEmpty()) {
      return new GateStatus(
          GateId.AGENT_ACTIONS.id(),
          true,
          "The system declares no real-world actions in spec.scope.actions, so none needs an"
              + " approval path.",
          List.of(),
          List.of());
    }
    List<String> missing = new ArrayList<>();
    int writing = 0;
    for (int i = 0; i < actions.size(); i++) {
      ScopeAction action = actions.get(i);
      String name =
          action == null || action.name() == null || action.name().isBlank()
              ? "spec.scope.actions[" + i + "]"
              : action.name();
      if (action == null || undeclared(action.approvalPath())) {
        missing.add(
            name + " has no approvalPath: say who or what approves it before it takes effect");
      } else if (action.writes() && !action.approvalPath().human()) {
        missing.add(name + " writes to an external system without a human approval step");
      }
      if (action != null && action.writes()) {
        writing++;
      }
    }
    boolean satisfied = missing.isEmpty();
    String reason =
        satisfied
            ? allApproved(actions.size(), writing)
            : "Every action needs an approval path, and every write to an external system a human"
                + " approval step: "
                + String.join("; ", missing)
                + ".";
    return new GateStatus(GateId.AGENT_ACTIONS.id(), satisfied, reason, missing, List.of());
  }

  private static String allApproved(int actions, int writing) {
    String approved =
        actions == 1
            ? "The one real-world action has an approval path"
            : "All " + actions + " real-world actions have an approval path";
    if (writing == 0) {
      return approved + ", and none writes to an external system.";
    }
    return approved
        + (writing == 1
            ? ", and the one that writes to an external system waits for a person's approval."
            : ", and the "
                + writing
                + " that write to external systems wait for a person's approval.");
  }

  /**
   * An approval path that says nothing at all is no path: it is what {@code approvalPath: {}} reads
   * as.
   */
  private static boolean undeclared(ApprovalPath path) {
    return path == null
        || (path.humanApproval() == null && blank(path.approvers()) && blank(path.description()));
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
