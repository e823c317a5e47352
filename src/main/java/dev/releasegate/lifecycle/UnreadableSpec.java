package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.Reason;

/**
 * A release whose spec could not be read at all (a string where the schema, as this operator reads
 * it, wants a number): Invalid, naming the field, and nothing else changes.
 *
 * <p>Unlike a spec that reads but is wrong, not even a canary's traffic is touched: the plan that
 * would say how to go back to the stable version is what cannot be read, and nothing was observed
 * of the traffic either, so status keeps what was last reported of it. A kill switch set on such a
 * release is not acted on until the spec reads again, and the message says so.
 */
final class UnreadableSpec {

  private UnreadableSpec() {}

  static void apply(Draft d, String problem) {
    d.status.setTraffic(d.previous.getTraffic());
    String serving =
        d.status.getStable() == null
            ? "Nothing was approved yet, so nothing is deployed."
            : "Traffic is left as it is (" + d.status.getStable().version() + " approved).";
    String killSwitch =
        d.annotations.killSwitch().isPresent()
            ? " The kill switch cannot be acted on until the spec can be read."
            : "";
    d.phase(
        Phase.Invalid,
        Reason.InvalidSpec,
        "The spec cannot be read: "
            + problem
            + ". "
            + serving
            + killSwitch
            + " Fix the spec to continue.");
  }
}
