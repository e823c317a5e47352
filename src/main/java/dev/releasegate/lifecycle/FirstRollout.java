package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.CanaryStatus;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.gate.GateReport;

/**
 * The first version of a release has nothing to split traffic with: once every gate passes it rolls
 * out to all replicas, and when they are ready it becomes the first approved version.
 */
final class FirstRollout {
  private FirstRollout() {}

  static Outcome decide(Draft d, GateReport gates) {
    String version = d.spec.model().version();
    CanaryStatus canary = d.status.getCanary();
    if (!gates.openForPromotion()) {
      return new Outcome.Hold(
          Phase.AwaitingGates,
          new Sentence.FirstAwaitingGates(
              version, gates.shutReasons(false), Commands.signHints(d, gates)),
          target(d, 0));
    }
    if (d.annotations.paused()) {
      return new Outcome.Hold(
          Phase.Paused,
          new Sentence.Paused(
              d.annotations.pause().orElseThrow(),
              null,
              Commands.turnOff(d, ReleaseAnnotations.PAUSE)),
          target(d, canary.weight()));
    }
    if (canary.weight() != 100) {
      d.status.setCanary(canary.atStep(1, 100));
      d.event(new Sentence.RolloutStarted(version));
    }
    if (d.traffic.inForce(version, 100)) {
      return new Outcome.Promote(gates);
    }
    return new Outcome.Hold(
        Phase.Progressing,
        new Sentence.FirstRollout(version, d.spec.replicasOrDefault()),
        target(d, 100));
  }

  /** The first version at {@code weight}: with nothing approved, it is all that runs. */
  private static TrafficTarget target(Draft d, int weight) {
    return new TrafficTarget(null, d.spec.model(), weight, d.spec.replicasOrDefault());
  }
}
