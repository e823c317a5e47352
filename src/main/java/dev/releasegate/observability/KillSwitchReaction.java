package dev.releasegate.observability;

import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseStatus;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.RollbackRecord;
import dev.releasegate.lifecycle.Decision;
import dev.releasegate.lifecycle.ReleaseAnnotations;
import dev.releasegate.lifecycle.TrafficState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times how long the operator takes to honour the kill switch: from the first reconcile that sees
 * the annotation to the first one that observes traffic back on the approved version (the candidate
 * at 0% and every pod ready). That is the figure on-call cares about at 3 a.m.
 *
 * <p>Kept in memory, per release: a failover in between loses one measurement, never a rollback. A
 * switch set on a release that is already rolled back, or that has nothing to roll back to, is not
 * timed.
 */
final class KillSwitchReaction {
  /**
   * The switch is set and was answered (or needs no answer); nothing more to time until cleared.
   */
  private static final Instant ANSWERED = Instant.MIN;

  private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

  /**
   * Looks at one reconcile; returns the reaction time when this reconcile is the one that observed
   * traffic restored.
   *
   * @param release the release as the reconcile saw it (annotations, previous status)
   * @param observed the traffic in force before the decision
   * @param decision what the reconcile decided
   * @param now when the reconcile started
   */
  Optional<Duration> observe(
      ModelRelease release, TrafficState observed, Decision decision, Instant now) {
    String key = key(release);
    if (new ReleaseAnnotations(release.getMetadata().getAnnotations()).killSwitch().isEmpty()) {
      firstSeen.remove(key);
      return Optional.empty();
    }
    Instant since = firstSeen.get(key);
    if (since == null) {
      ModelReleaseStatus before = release.getStatus();
      since = before != null && before.getPhase() == Phase.RolledBack ? ANSWERED : now;
      firstSeen.put(key, since);
    }
    if (since == ANSWERED) {
      return Optional.empty();
    }
    RollbackRecord rollback = decision.status().getLastRollback();
    if (decision.status().getPhase() != Phase.RolledBack || rollback == null) {
      // The switch was set with nothing to roll back to: there is no reaction to time.
      firstSeen.put(key, ANSWERED);
      return Optional.empty();
    }
    if (!restored(observed, rollback)) {
      return Optional.empty();
    }
    firstSeen.put(key, ANSWERED);
    return Optional.of(Duration.between(since, now));
  }

  /** Forgets a deleted release. */
  void forget(String namespace, String name) {
    firstSeen.remove(namespace + "/" + name);
  }

  private static boolean restored(TrafficState observed, RollbackRecord rollback) {
    return observed.settled()
        && observed.effectiveWeight() == 0
        && Objects.equals(observed.stableVersion(), rollback.toVersion());
  }

  private static String key(ModelRelease release) {
    return release.getMetadata().getNamespace() + "/" + release.getMetadata().getName();
  }
}
