package dev.releasegate.lifecycle;

import dev.releasegate.analysis.Measurement;
import dev.releasegate.analysis.MetricQuery;
import dev.releasegate.api.v1alpha1.AnalysisMetric;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.ConfigMapKey;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.ModelReleaseStatus;
import dev.releasegate.gate.Evidence;
import dev.releasegate.gate.Signoff;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A generated release for the property tests: the versions its spec names one after another, and
 * what happens to it meanwhile, played on a {@link LifecycleWalk}. Every part prints as what it
 * does, so a failing case reads as the story of one release.
 *
 * @param versions the specs applied in turn; the first is the release as created
 * @param actions what people, the cluster and time do, in order
 */
record ReleaseStory(List<VersionPlan> versions, List<Action> actions) {

  /** How many reconciles the loop may take to come to rest once its inputs hold still. */
  static final int SETTLE_LIMIT = 50;

  /** Starts the story: the release as created, with its first version, nothing reconciled. */
  Playback start() {
    return new Playback(versions);
  }

  /** Plays the whole story, then lets the loop come to rest. */
  Playback play() {
    Playback playback = start();
    playback.actAll(actions, action -> {});
    playback.settleAtTheEnd();
    return playback;
  }

  /** The story as a numbered list, the numbers a failure's "at action N" refers to. */
  @Override
  public String toString() {
    return "versions, applied in turn:"
        + numbered(versions)
        + System.lineSeparator()
        + "then:"
        + numbered(actions);
  }

  static String numbered(List<?> items) {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < items.size(); i++) {
      list.append(System.lineSeparator())
          .append("  ")
          .append(i + 1)
          .append(". ")
          .append(items.get(i));
    }
    return list.toString();
  }

  /** A generated value with its control characters written as Java escapes, so it can be read. */
  static String printable(String value) {
    StringBuilder printable = new StringBuilder();
    value
        .chars()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                printable.append(String.format("\\u%04x", c));
              } else {
                printable.append((char) c);
              }
            });
    return printable.toString();
  }

  /** Canary steps as a person would jot them down: [10%/10m 50% 100%]. */
  static String describe(List<CanaryStep> steps) {
    return steps.stream()
        .map(s -> s.weight() + "%" + (s.pause() == null ? "" : "/" + s.pause()))
        .collect(Collectors.joining(" ", "[", "]"));
  }

  /**
   * One version's spec: the fixture release with this version, canary steps, risk tier and, when
   * set, one analysis metric (max 0.02, measured every minute).
   */
  record VersionPlan(
      String version, List<CanaryStep> steps, String riskTier, AnalysisMetric metric) {

    ModelReleaseSpec spec() {
      ModelReleaseSpec spec = Releases.spec(version, steps);
      if (!"standard".equals(riskTier)) {
        spec = Releases.with(spec, "riskTier", riskTier);
      }
      return metric == null ? spec : AnalysisTest.withAnalysis(spec, metric);
    }

    @Override
    public String toString() {
      String plan = "'" + version + "' " + describe(steps) + " " + riskTier;
      return metric == null
          ? plan
          : plan
              + " analysis(failureLimit "
              + metric.failureLimit()
              + ", onNoData "
              + metric.onNoData()
              + ", onError "
              + metric.onError()
              + ", during "
              + metric.during()
              + ")";
    }
  }

  /** A story being played: the walk, and what the story set that the walk cannot tell. */
  static final class Playback {
    final LifecycleWalk walk;
    private final List<VersionPlan> versions;
    private int applied;
    private boolean evidenceComplete = true;

    private Playback(List<VersionPlan> versions) {
      this.versions = versions;
      this.walk = new LifecycleWalk(Releases.release(versions.get(0).spec()));
      // Healthy until a story says otherwise, as the walk's evidence is complete until then.
      walk.metrics = Metrics.PASSING::answer;
    }

    void act(Action action) {
      action.applyTo(this);
    }

    /**
     * Plays actions in turn, each followed by {@code afterEach}. A failure says at which action,
     * numbered as the story lists them, it happened: a generated story is long.
     */
    void actAll(List<Action> actions, Consumer<Action> afterEach) {
      for (int i = 0; i < actions.size(); i++) {
        Action action = actions.get(i);
        String where = "at action " + (i + 1) + " (" + action + ")";
        failingAs(
            where,
            () -> {
              act(action);
              afterEach.accept(action);
            });
      }
    }

    /** Lets the loop come to rest after the last action, as a story ends. */
    void settleAtTheEnd() {
      failingAs("settling after the last action", () -> walk.settleWithin(SETTLE_LIMIT));
    }

    private static void failingAs(String where, Runnable step) {
      try {
        step.run();
      } catch (RuntimeException | AssertionError failure) {
        String cause =
            failure instanceof AssertionError ? failure.getMessage() : failure.toString();
        throw new AssertionError(where + ": " + cause, failure);
      }
    }

    /** The version the spec names now. */
    String version() {
      return walk.release.getSpec().model().version();
    }

    /** Whether the evidence the walk reads holds every artifact of the packet. */
    boolean evidenceComplete() {
      return evidenceComplete;
    }

    private void nextVersion() {
      if (applied + 1 < versions.size()) {
        applied++;
        walk.apply(versions.get(applied).spec());
      }
    }

    /** The current version's spec applied again with other canary steps, as an edit in git. */
    private void editSteps(List<CanaryStep> steps) {
      VersionPlan current = versions.get(applied);
      walk.apply(
          new VersionPlan(current.version(), steps, current.riskTier(), current.metric()).spec());
    }

    private String orCurrent(String version) {
      return version == null ? version() : version;
    }

    /** The canary's step now; 0 before any candidate has traffic. */
    private int canaryStep() {
      ModelReleaseStatus status = walk.release.getStatus();
      return status == null || status.getCanary() == null ? 0 : status.getCanary().step();
    }
  }

  /** What the fake metric provider answers for every query. */
  enum Metrics {
    PASSING,
    FAILING,
    NO_DATA,
    ERROR;

    Measurement answer(MetricQuery query) {
      return switch (this) {
        case PASSING -> Measurement.value(query, 0.01);
        case FAILING -> Measurement.value(query, 0.05);
        case NO_DATA -> Measurement.noData(query, "no series");
        case ERROR -> Measurement.error(query, "connection refused");
      };
    }
  }

  /**
   * One thing that happens to a release between reconciles. A version given as null means the
   * version the spec names when the action happens.
   */
  sealed interface Action {
    void applyTo(Playback p);

    /** Reviewers sign one version, as {@code version=V; by=NAME}. */
    record Sign(List<String> roles, String version, String by) implements Action {
      @Override
      public void applyTo(Playback p) {
        String signed = p.orCurrent(version);
        roles.forEach(
            role ->
                p.walk.annotate(Signoff.ANNOTATION_PREFIX + role, Releases.signoff(signed, by)));
      }

      @Override
      public String toString() {
        String who = roles.equals(Releases.ALL_ROLES) ? "every role signs " : roles + " sign ";
        return who + (version == null ? "the current version" : "'" + version + "'");
      }
    }

    /** A reviewer takes a sign-off back. */
    record Revoke(String role) implements Action {
      @Override
      public void applyTo(Playback p) {
        p.walk.remove(Signoff.ANNOTATION_PREFIX + role);
      }

      @Override
      public String toString() {
        return role + " revokes";
      }
    }

    /** The next version of the story is applied, if one is left. */
    record NextVersion() implements Action {
      @Override
      public void applyTo(Playback p) {
        p.nextVersion();
      }

      @Override
      public String toString() {
        return "next version";
      }
    }

    /** The spec keeps its version and gets other canary steps. */
    record EditSteps(List<CanaryStep> steps) implements Action {
      @Override
      public void applyTo(Playback p) {
        p.editSteps(steps);
      }

      @Override
      public String toString() {
        return "steps edited to " + describe(steps);
      }
    }

    /** The kill switch is set; every value but "false" sets it, the empty one too. */
    record KillSwitchOn(String value) implements Action {
      @Override
      public void applyTo(Playback p) {
        p.walk.annotate(ReleaseAnnotations.KILL_SWITCH, value);
      }

      @Override
      public String toString() {
        return "kill switch '" + printable(value) + "'";
      }
    }

    /** The kill switch is cleared: removed, or (value not null) set to a spelling of false. */
    record KillSwitchOff(String value) implements Action {
      @Override
      public void applyTo(Playback p) {
        if (value == null) {
          p.walk.remove(ReleaseAnnotations.KILL_SWITCH);
        } else {
          p.walk.annotate(ReleaseAnnotations.KILL_SWITCH, value);
        }
      }

      @Override
      public String toString() {
        return value == null ? "kill switch removed" : "kill switch '" + value + "'";
      }
    }

    /** Someone asks to skip a step's hold, in one of the forms a promote request takes. */
    record Promote(String version, Form form) implements Action {
      /** How the request is written. */
      enum Form {
        /** {@code 1.1.0}: any step. */
        PLAIN,
        /** {@code version=1.1.0; by=sam}: any step. */
        FIELDS,
        /** {@code version=1.1.0; step=2} for the step the canary is at, as its hint prints it. */
        THIS_STEP,
        /** The same for the step before: a request left from an earlier step, skips nothing. */
        EARLIER_STEP
      }

      @Override
      public void applyTo(Playback p) {
        String named = p.orCurrent(version);
        p.walk.annotate(
            ReleaseAnnotations.PROMOTE,
            switch (form) {
              case PLAIN -> named;
              case FIELDS -> "version=" + named + "; by=sam";
              case THIS_STEP -> "version=" + named + "; step=" + p.canaryStep();
              case EARLIER_STEP -> "version=" + named + "; step=" + (p.canaryStep() - 1);
            });
      }

      @Override
      public String toString() {
        String promote =
            "promote " + (version == null ? "the current version" : "'" + version + "'");
        return switch (form) {
          case PLAIN -> promote;
          case FIELDS -> promote + " (as version=…; by=…)";
          case THIS_STEP -> promote + " at the canary's step";
          case EARLIER_STEP -> promote + " at the step before the canary's";
        };
      }
    }

    /** The pause annotation is set (value not null) or removed. */
    record Pause(String value) implements Action {
      @Override
      public void applyTo(Playback p) {
        if (value == null) {
          p.walk.remove(ReleaseAnnotations.PAUSE);
        } else {
          p.walk.annotate(ReleaseAnnotations.PAUSE, value);
        }
      }

      @Override
      public String toString() {
        return value == null ? "pause removed" : "pause '" + value + "'";
      }
    }

    /** Someone asks to retry a rolled-back version; attempts after the first differ in value. */
    record Retry(String version, int attempt) implements Action {
      @Override
      public void applyTo(Playback p) {
        String named = p.orCurrent(version);
        p.walk.annotate(
            ReleaseAnnotations.RETRY,
            attempt == 1 ? named : "version=" + named + "; attempt=" + attempt);
      }

      @Override
      public String toString() {
        return "retry "
            + (version == null ? "the current version" : "'" + version + "'")
            + " (attempt "
            + attempt
            + ")";
      }
    }

    /** Time passes. */
    record Advance(Duration by) implements Action {
      @Override
      public void applyTo(Playback p) {
        p.walk.advance(by);
      }

      @Override
      public String toString() {
        return "+" + by.toString().substring(2).toLowerCase(Locale.ROOT);
      }
    }

    /** From now on the fake router's pods become ready, or never do. */
    record Pods(boolean ready) implements Action {
      @Override
      public void applyTo(Playback p) {
        p.walk.podsBecomeReady = ready;
      }

      @Override
      public String toString() {
        return ready ? "pods get ready" : "pods stay unready";
      }
    }

    /** From now on every metric query answers this. */
    record Measure(Metrics answer) implements Action {
      @Override
      public void applyTo(Playback p) {
        p.walk.metrics = answer::answer;
      }

      @Override
      public String toString() {
        return "metrics " + answer;
      }
    }

    /**
     * The evidence ConfigMap changes: its eval report's accuracy, and one artifact missing (when
     * not null).
     */
    record EvidenceChange(double accuracy, String missing) implements Action {
      @Override
      public void applyTo(Playback p) {
        var documents = new HashMap<>(Releases.evidence(accuracy).documents());
        if (missing != null) {
          documents.remove(new ConfigMapKey(Releases.EVIDENCE, missing));
        }
        p.walk.evidence = new Evidence(documents);
        p.evidenceComplete = missing == null;
      }

      @Override
      public String toString() {
        return "evidence accuracy " + accuracy + (missing == null ? "" : " without " + missing);
      }
    }

    /** The operator reconciles once, as one watch event makes it. */
    record ReconcileOnce() implements Action {
      @Override
      public void applyTo(Playback p) {
        p.walk.reconcile();
      }

      @Override
      public String toString() {
        return "reconcile";
      }
    }

    /** The operator reconciles until nothing changes, within {@link #SETTLE_LIMIT}. */
    record Settle() implements Action {
      @Override
      public void applyTo(Playback p) {
        p.walk.settleWithin(SETTLE_LIMIT);
      }

      @Override
      public String toString() {
        return "settle";
      }
    }
  }
}
