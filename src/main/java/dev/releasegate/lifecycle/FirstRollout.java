package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.CanaryStatus;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.Reason;
import dev.releasegate.gate.GateReport;

/**
 * The first version of a release has nothing to split traffic with: once every gate passes it rolls
 * out to all replicas, and when they are ready it becomes the first approved version.
 */
final class FirstRollout {
  private FirstRollout() {}

  static void apply(Draft d, GateReport gates) {
    String version = d.spec.model().version();
    CanaryStatus canary = d.status.getCanary();
    if (!gates.openForPromotion()) {
      d.phase(
          Phase.AwaitingGates,
          Reason.AwaitingGates,
          "First version "
              + version
              + " rolls out in full once every gate passes; it gets no pods until then. "
              + gates.shutReasons(false)
              + Commands.signHints(d, gates));
      d.traffic(new TrafficTarget(null, d.spec.model(), 0, d.spec.replicasOrDefault()));
      return;
    }
    if (d.annotations.paused()) {
      d.phase(
          Phase.Paused,
          Reason.PauseAnnotation,
          "Paused by "
              + ReleaseAnnotations.asked(ReleaseAnnotations.PAUSE, d.annotations.pause().get())
              + "; to continue: "
              + Commands.turnOff(d, ReleaseAnnotations.PAUSE));
      d.traffic(
          new TrafficTarget(null, d.spec.model(), canary.weight(), d.spec.replicasOrDefault()));
      return;
    }
    if (canary.weight() != 100) {
      canary = canary.atStep(1, 100);
      d.status.setCanary(canary);
      d.event(
          ReleaseEvent.of(
              Reason.RolloutStarted, "First version " + version + " rolls out to all replicas."));
    }
    if (d.traffic.inForce(version, 100)) {
      Promotion.apply(d, gates);
      return;
    }
    d.phase(
        Phase.Progressing,
        Reason.FirstRollout,
        "First version "
            + version
            + " is rolling out to all "
            + d.spec.replicasOrDefault()
            + " replicas; it becomes the approved version when they are ready.");
    d.traffic(new TrafficTarget(null, d.spec.model(), 100, d.spec.replicasOrDefault()));
  }
}
