package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;

/** The candidate version and how far its canary has gone. */
public record CanaryStatus(
    @JsonPropertyDescription("The candidate version.") String version,
    @JsonPropertyDescription(
            "The current canary step, counting from 1; 0 before any traffic reaches the"
                + " candidate.")
        int step,
    @JsonPropertyDescription("How many steps the canary has.") int steps,
    @JsonPropertyDescription("The traffic percentage the current step asks for.") int weight,
    @JsonPropertyDescription(
            "The traffic percentage the router actually gives the candidate (replica counts can"
                + " only approximate some weights).")
        Integer effectiveWeight,
    @JsonPropertyDescription(
            "When the current step's traffic was in force; its pause counts from here.")
        Instant stepStartedAt) {

  /** A candidate that has not received traffic yet. */
  public static CanaryStatus awaiting(String version, int steps) {
    return new CanaryStatus(version, 0, steps, 0, 0, null);
  }

  /** The same candidate moved to another step, whose pause has not started. */
  public CanaryStatus atStep(int newStep, int newWeight) {
    return new CanaryStatus(version, newStep, steps, newWeight, effectiveWeight, null);
  }

  /** The same candidate under a canary plan of another length, at a step of it. */
  public CanaryStatus replanned(int newSteps, int newStep, int newWeight) {
    return new CanaryStatus(version, newStep, newSteps, newWeight, effectiveWeight, null);
  }

  /** The same step, with its traffic in force since {@code at}. */
  public CanaryStatus inForceSince(Instant at, int effective) {
    return new CanaryStatus(version, step, steps, weight, effective, at);
  }
}
