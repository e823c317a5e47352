package dev.releasegate.gate;

import dev.releasegate.api.GoDuration;
import dev.releasegate.api.v1alpha1.CanarySpec;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.GateId;
import dev.releasegate.api.v1alpha1.GateStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the canary plan is as careful as the risk tier asks: enough steps, and every step before
 * the last held long enough to see a problem. A step without a pause holds until a person promotes
 * it, which is as careful as any pause.
 */
public final class CanaryPlanGate {

  private CanaryPlanGate() {}

  public static GateStatus evaluate(Requirements requirements, CanarySpec canary) {
    List<CanaryStep> steps = canary.steps();
    List<String> missing = new ArrayList<>();
    if (steps.size() < requirements.minCanarySteps()) {
      missing.add(
          "spec.canary.steps: "
              + steps.size()
              + (steps.size() == 1 ? " step" : " steps")
              + ", the policy asks for at least "
              + requirements.minCanarySteps());
    }
    Duration min = requirements.minStepPause();
    for (int i = 0; i < steps.size() - 1; i++) {
      String pause = steps.get(i).pause();
      if (pause != null && GoDuration.parse(pause).map(p -> p.compareTo(min) < 0).orElse(false)) {
        missing.add(
            "spec.canary.steps["
                + i
                + "].pause: "
                + pause
                + " is shorter than the policy's "
                + describe(min));
      }
    }
    boolean satisfied = missing.isEmpty();
    String reason =
        satisfied
            ? "The canary plan has the steps and pauses the policy asks for."
            : "The canary plan is not careful enough for this risk tier: "
                + String.join("; ", missing)
                + ".";
    return new GateStatus(GateId.CANARY_PLAN.id(), satisfied, reason, missing, List.of());
  }

  private static String describe(Duration duration) {
    return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + "m" : duration.toSeconds() + "s";
  }
}
