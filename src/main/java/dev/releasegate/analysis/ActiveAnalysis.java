package dev.releasegate.analysis;

import dev.releasegate.api.GoDuration;
import dev.releasegate.api.v1alpha1.AnalysisMetric;
import dev.releasegate.api.v1alpha1.AnalysisWindow;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.ModelReleaseStatus;
import dev.releasegate.api.v1alpha1.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which analysis runs for a release now, read from its status: the candidate's during its canary
 * steps, or the approved version's during its observation period. Pure; the reconciler uses it to
 * know what to measure, the decision to know what the measurements mean.
 *
 * @param window canary or observation
 * @param version the version measured
 * @param track the track its pods are on ({{track}} in queries)
 * @param metrics the spec's metrics that apply in this window
 */
public record ActiveAnalysis(
    String window, String version, String track, List<AnalysisMetric> metrics) {
  public static final String CANARY = "canary";
  public static final String OBSERVATION = "observation";
  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  /** The checklist's first 30 days. */
  public static final Duration DEFAULT_OBSERVATION = Duration.ofDays(30);

  /** The analysis that runs now, if any. */
  public static Optional<ActiveAnalysis> of(ModelRelease release, Instant now) {
    ModelReleaseSpec spec = release.getSpec();
    ModelReleaseStatus status = release.getStatus();
    if (spec == null || status == null || status.getStable() == null || spec.analysis() == null) {
      return Optional.empty();
    }
    Phase phase = status.getPhase();
    if ((phase == Phase.Progressing || phase == Phase.Paused)
        && status.getCanary() != null
        && status.getCanary().step() >= 1) {
      return of(spec, CANARY, status.getCanary().version(), "canary");
    }
    if (phase == Phase.Promoted
        && now.isBefore(observationEnd(spec, status.getStable().approvedAt()))) {
      return of(spec, OBSERVATION, status.getStable().version(), "stable");
    }
    return Optional.empty();
  }

  /** The analysis for a window, when the spec watches any metric in it. */
  public static Optional<ActiveAnalysis> of(
      ModelReleaseSpec spec, String window, String version, String track) {
    if (spec.analysis() == null || spec.analysis().metrics() == null) {
      return Optional.empty();
    }
    List<AnalysisMetric> metrics =
        spec.analysis().metrics().stream().filter(m -> appliesIn(m, window)).toList();
    return metrics.isEmpty()
        ? Optional.empty()
        : Optional.of(new ActiveAnalysis(window, version, track, metrics));
  }

  /** When the observation period after a promotion ends. */
  public static Instant observationEnd(ModelReleaseSpec spec, Instant promotedAt) {
    Duration period =
        Optional.ofNullable(spec.observation())
            .map(o -> o.period())
            .flatMap(GoDuration::parseAllowingZero)
            .orElse(DEFAULT_OBSERVATION);
    return promotedAt.plus(period);
  }

  /** How often a metric is measured. */
  public static Duration interval(ModelReleaseSpec spec, AnalysisMetric metric) {
    return Optional.ofNullable(metric.interval())
        .or(() -> Optional.ofNullable(spec.analysis().interval()))
        .flatMap(GoDuration::parse)
        .orElse(DEFAULT_INTERVAL);
  }

  private static boolean appliesIn(AnalysisMetric metric, String window) {
    AnalysisWindow during = AnalysisWindow.parse(metric.during()).orElse(AnalysisWindow.canary);
    return during == AnalysisWindow.both || during.name().equals(window);
  }
}
