package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.ApprovedVersion;
import dev.releasegate.api.v1alpha1.CanaryStatus;
import dev.releasegate.api.v1alpha1.ModelSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.ServingVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How traffic goes back to the last approved version, whatever sent it there: the kill switch, a
 * breached threshold, a failed rehearsal. One place records the rollback, says what happened and
 * what to do next, and asks the router for the stable-only traffic.
 */
final class Rollbacks {

  private Rollbacks() {}

  /** The candidate loses all traffic; the stable version, if any, gets it all. */
  static void candidate(Draft d, Outcome.RollBackCandidate back) {
    ServingVersion stable = d.status.getStable();
    d.rolledBack(
        back.cause(), back.version(), stable == null ? null : stable.version(), back.trigger());
    d.status.setCanary(stopped(d, back.version()));
    finish(d, back.advice(), back.version());
  }

  /** After promotion: the previous approved version, kept for this, serves again. */
  static void promoted(Draft d, Outcome.RollBackPromoted back) {
    ServingVersion promoted = d.status.getStable();
    ApprovedVersion previous = back.previous();
    d.rolledBack(back.cause(), promoted.version(), previous.version(), back.trigger());
    d.status.setHistory(
        d.status.getHistory().stream()
            .map(v -> v.version().equals(promoted.version()) ? v.rolledBack(d.now) : v)
            .toList());
    d.status.setStable(previous.serving());
    d.status.setCanary(stopped(d, promoted.version()));
    finish(d, back.advice(), promoted.version());
  }

  private static void finish(Draft d, Outcome.Advice advice, String from) {
    // A retry or promote written before this rollback was meant for an earlier state: it must
    // not bring the candidate back the moment the kill switch is cleared, nor skip a step of the
    // canary run again. Both are used up here, and status says so.
    List<String> ignored = new ArrayList<>();
    for (String key : List.of(ReleaseAnnotations.RETRY, ReleaseAnnotations.PROMOTE)) {
      Optional<String> request =
          d.annotations
              .request(key)
              .filter(value -> !value.equals(d.status.getAcknowledged().get(key)));
      request.ifPresent(
          value -> {
            d.acknowledge(key, value);
            ignored.add(key + "=" + value);
          });
    }
    // What to do next is told once the requests this rollback used up are acknowledged, so the
    // commands it prints are the ones status prints from then on.
    Sentence why =
        new Sentence.RolledBack(d.status.getLastRollback(), next(d, advice, from), ignored);
    d.state(Phase.RolledBack, why);
    d.event(why);
    d.traffic(backToStable(d, from));
  }

  /** What to do after rolling back {@code version}, with the commands that do it. */
  static Sentence.Next next(Draft d, Outcome.Advice advice, String version) {
    String retry = retryCommand(d, version);
    return switch (advice) {
      case TRY_AGAIN -> new Sentence.Next.TryAgain(version, retry);
      case CLEAR_THEN_RETRY ->
          new Sentence.Next.ClearThenRetry(
              version, Commands.turnOff(d, ReleaseAnnotations.KILL_SWITCH), retry);
      case FIND_WHY_SLOW ->
          new Sentence.Next.FindWhySlow(version, d.status.getStable().version(), retry);
    };
  }

  /** All traffic on the approved version; the rolled-back version keeps no pods. */
  static TrafficTarget backToStable(Draft d, String rolledBack) {
    ServingVersion stable = d.status.getStable();
    String name = modelName(d);
    return TrafficTarget.rollback(
        stable == null ? null : stable.asModel(name),
        new ModelSpec(name, rolledBack, null, null),
        replicas(d));
  }

  /**
   * The command that retries a rolled-back version, and works when pasted: it overwrites any retry
   * already there, and names the version with a value that has not been used yet (a retry acts once
   * per value, and one present at the rollback counts as used).
   */
  static String retryCommand(Draft d, String version) {
    return Commands.freshRequest(d, ReleaseAnnotations.RETRY, "version=" + version);
  }

  private static CanaryStatus stopped(Draft d, String version) {
    int steps =
        d.spec != null && d.spec.canary() != null && d.spec.canary().steps() != null
            ? d.spec.canary().steps().size()
            : 0;
    return new CanaryStatus(version, 0, steps, 0, 0, null);
  }

  static String modelName(Draft d) {
    return d.spec != null && d.spec.model() != null ? d.spec.model().name() : d.name();
  }

  /** Full traffic's replica count; an invalid spec cannot say, so the router keeps what runs. */
  static Integer replicas(Draft d) {
    return d.spec != null && SpecCheck.check(d.spec).isEmpty() ? d.spec.replicasOrDefault() : null;
  }
}
