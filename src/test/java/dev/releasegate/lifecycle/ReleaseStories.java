package dev.releasegate.lifecycle;

import static dev.releasegate.cases.Draw.weight;

import dev.releasegate.api.v1alpha1.AnalysisMetric;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.PacketArtifact;
import dev.releasegate.cases.Draw;
import dev.releasegate.lifecycle.ReleaseStory.Action;
import dev.releasegate.lifecycle.ReleaseStory.VersionPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Generates {@link ReleaseStory release stories}: releases of one to three versions, and what may
 * happen to them, every choice drawn from one case's seed. Versions come from a few familiar ones
 * (so a story signs, reverts to and repeats the same version) and from the whole label-value
 * alphabet; now and then one is malformed, so the invalid spec's path is walked too.
 *
 * <p>Written by hand rather than with a property-testing library: jqwik, the one well-kept library
 * for this on JUnit 5, asks AI agents not to use it, and JetBrains' jetCheck is not on Maven
 * Central.
 */
final class ReleaseStories {
  private static final String LABEL_VALUE_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";

  private final Draw draw;

  ReleaseStories(Draw draw) {
    this.draw = draw;
  }

  /**
   * A whole story: one to three versions, each applied after the actions before it, and up to
   * {@code actionsPerVersion} actions while each version is the one asked for. Chapters, half of
   * them opening with every reviewer signing the new version, make it likely that stories reach
   * canaries and promotions rather than wait at the gates.
   */
  ReleaseStory story(int actionsPerVersion) {
    List<VersionPlan> plans = draw.weighted(weight(4, this::distinctPlans), weight(1, this::plans));
    List<Action> actions = new ArrayList<>(chapter(actionsPerVersion));
    for (int i = 1; i < plans.size(); i++) {
      actions.add(new Action.NextVersion());
      actions.addAll(chapter(actionsPerVersion));
    }
    return new ReleaseStory(plans, actions);
  }

  private List<Action> chapter(int actionsPerVersion) {
    List<Action> chapter = new ArrayList<>();
    if (draw.coin()) {
      chapter.add(new Action.Sign(Releases.ALL_ROLES, null, "sam"));
      chapter.add(new Action.Settle());
    }
    chapter.addAll(actions(true, actionsPerVersion));
    return chapter;
  }

  private List<VersionPlan> plans() {
    return draw.list(1, 3, this::versionPlan);
  }

  /** One to three plans, no two of the same version. */
  private List<VersionPlan> distinctPlans() {
    int size = draw.between(1, 3);
    List<VersionPlan> plans = new ArrayList<>();
    Set<String> versions = new HashSet<>();
    while (plans.size() < size) {
      VersionPlan plan = versionPlan();
      if (versions.add(plan.version())) {
        plans.add(plan);
      }
    }
    return plans;
  }

  /**
   * A version as a spec may name it: valid label values ({@code [A-Za-z0-9._-]}, at most 63,
   * alphanumeric at both ends) and, rarely, one that ends in a dash, which the spec check refuses.
   */
  String version() {
    return draw.weighted(
        weight(24, () -> draw.oneOf("1.0.0", "1.1.0", "2.0.0")),
        weight(12, () -> draw.string(LABEL_VALUE_CHARS, 1, 63, "[A-Za-z0-9](.*[A-Za-z0-9])?")),
        weight(1, () -> draw.oneOf("1.2.0-", "rc-")));
  }

  /**
   * One to four steps with strictly rising weights in 1..100, each with an optional pause; mostly
   * ending at 100%, sometimes not.
   */
  List<CanaryStep> canarySteps() {
    List<Integer> weights =
        draw.weighted(
            weight(
                3,
                () -> {
                  List<Integer> upToAll = new ArrayList<>(distinctWeights(0, 3, 99));
                  upToAll.add(100);
                  return upToAll;
                }),
            weight(1, () -> distinctWeights(1, 4, 100)));
    List<CanaryStep> steps = new ArrayList<>();
    for (int weight : weights) {
      steps.add(new CanaryStep(weight, draw.orNull(0.4, () -> draw.oneOf("30s", "10m", "1h"))));
    }
    return steps;
  }

  /** {@code min} to {@code max} distinct weights in 1..{@code highest}, rising. */
  private List<Integer> distinctWeights(int min, int max, int highest) {
    int size = draw.between(min, max);
    TreeSet<Integer> weights = new TreeSet<>();
    while (weights.size() < size) {
      weights.add(draw.between(1, highest));
    }
    return List.copyOf(weights);
  }

  /**
   * One analysis metric, watched during the canary, the observation period or both; or, half the
   * time, none.
   */
  AnalysisMetric metric() {
    return draw.orNull(
        0.5,
        () ->
            AnalysisTest.unsafe(
                0.02,
                draw.between(0, 2),
                draw.orNull(0.25, () -> draw.oneOf("hold", "fail", "pass")),
                draw.orNull(0.3, () -> draw.oneOf("hold", "rollback")),
                draw.orNull(0.25, () -> draw.oneOf("canary", "observation", "both"))));
  }

  VersionPlan versionPlan() {
    return new VersionPlan(
        version(),
        canarySteps(),
        draw.weighted(weight(3, () -> "standard"), weight(1, () -> "high")),
        metric());
  }

  /** A value that sets the kill switch: anything but a spelling of "false", the empty one too. */
  String killSwitchValue() {
    if (draw.coin()) {
      return draw.oneOf(
          "", " ", "true", "TRUE", "yes", "no", "0", "unsafe output spike, paged by dana");
    }
    String value;
    do {
      value = draw.string(ASCII, 0, 12);
    } while (value.trim().toLowerCase(Locale.ROOT).equals("false"));
    return value;
  }

  private static final String ASCII = asciiChars();

  private static String asciiChars() {
    StringBuilder chars = new StringBuilder();
    for (char c = 0; c < 128; c++) {
      chars.append(c);
    }
    return chars.toString();
  }

  /** Up to {@code max} actions, every count as likely; see {@link #action}. */
  List<Action> actions(boolean killSwitchMayClear, int max) {
    return draw.list(0, max, () -> action(killSwitchMayClear));
  }

  /**
   * What may happen between reconciles; {@code killSwitchMayClear} false leaves out clearing the
   * kill switch, for stories told after it was set. The weights favour what moves a release on
   * (signing the current version, time, reconciles) so stories reach canaries and promotions; the
   * kill switch is rare because it holds a story until a retry.
   */
  Action action(boolean killSwitchMayClear) {
    return draw.weighted(
        weight(20, this::sign),
        weight(2, () -> new Action.Revoke(draw.oneOf(Releases.ALL_ROLES))),
        weight(2, Action.NextVersion::new),
        weight(1, () -> new Action.EditSteps(canarySteps())),
        weight(1, () -> new Action.KillSwitchOn(killSwitchValue())),
        weight(
            killSwitchMayClear ? 3 : 0,
            () -> new Action.KillSwitchOff(draw.orNull(0.7, () -> draw.oneOf("false", " FALSE ")))),
        weight(6, this::promote),
        weight(4, () -> new Action.Pause(draw.orNull(0.6, () -> draw.oneOf("true", "")))),
        weight(4, () -> new Action.Retry(versionOrCurrent(), draw.between(1, 3))),
        weight(14, this::advance),
        weight(2, () -> new Action.Pods(draw.coin())),
        weight(3, () -> new Action.Measure(draw.oneOf(ReleaseStory.Metrics.values()))),
        weight(2, this::evidenceChange),
        weight(6, Action.ReconcileOnce::new),
        weight(18, Action.Settle::new));
  }

  /** Mostly the version the spec names when the action happens (null), sometimes another. */
  private String versionOrCurrent() {
    return draw.orNull(0.85, this::version);
  }

  private Action sign() {
    List<String> roles =
        draw.weighted(
            weight(5, () -> Releases.ALL_ROLES),
            weight(1, () -> draw.subsetOf(Releases.ALL_ROLES)));
    return new Action.Sign(roles, versionOrCurrent(), draw.oneOf("dana", "sam"));
  }

  private Action promote() {
    return new Action.Promote(versionOrCurrent(), draw.oneOf(Action.Promote.Form.values()));
  }

  private Action advance() {
    long seconds =
        draw.oneOf(1L, 30L, 60L, 300L, 600L, 1860L, 3600L, 86_400L, 8 * 86_400L, 31 * 86_400L);
    return new Action.Advance(Duration.ofSeconds(seconds));
  }

  private Action evidenceChange() {
    List<String> artifacts =
        Releases.packet().artifacts().stream().map(PacketArtifact::type).toList();
    return new Action.EvidenceChange(
        draw.oneOf(0.91, 0.85, 0.95), draw.orNull(0.6, () -> draw.oneOf(artifacts)));
  }
}
