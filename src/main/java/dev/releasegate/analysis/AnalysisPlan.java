package dev.releasegate.analysis;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.AnalysisMetric;
import dev.releasegate.api.v1alpha1.AnalysisStatus;
import dev.releasegate.api.v1alpha1.MetricProviderKind;
import dev.releasegate.api.v1alpha1.MetricStatus;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The measurements due now: each metric of the active analysis whose interval has passed since it
 * was last measured, with its query rendered for this release. Pure, so the reconciler asks it and
 * only then calls a provider.
 */
public final class AnalysisPlan {
  private AnalysisPlan() {}

  public static List<MetricQuery> due(ModelRelease release, Instant now) {
    Optional<ActiveAnalysis> active = ActiveAnalysis.of(release, now);
    if (active.isEmpty()) {
      return List.of();
    }
    AnalysisStatus previous = release.getStatus().getAnalysis();
    boolean sameAnalysis =
        previous != null
            && active.get().version().equals(previous.version())
            && active.get().window().equals(previous.during());
    Instant windowStart = windowStart(release.getStatus(), active.get());
    return active.get().metrics().stream()
        .filter(
            m ->
                !now.isBefore(
                    dueAt(
                        release,
                        windowStart,
                        active.get(),
                        m,
                        sameAnalysis ? lastMeasured(previous, m.name()) : null)))
        .map(m -> query(release, active.get(), m))
        .toList();
  }

  /** A metric's query for this release, version and track. */
  public static MetricQuery query(
      ModelRelease release, ActiveAnalysis active, AnalysisMetric metric) {
    Map<String, String> values =
        Map.of(
            "name", release.getMetadata().getName(),
            "namespace", release.getMetadata().getNamespace(),
            "version", active.version(),
            "track", active.track());
    MetricProviderKind provider =
        MetricProviderKind.parse(metric.provider()).orElse(MetricProviderKind.prometheus);
    var spec = release.getSpec();
    if (provider == MetricProviderKind.http) {
      var http = metric.http();
      return new MetricQuery(
          metric.name(),
          active.version(),
          active.window(),
          provider,
          render(http == null ? null : http.url(), values),
          null,
          http == null ? null : http.jsonPointer(),
          http == null ? null : http.headersSecret(),
          release.getMetadata().getNamespace());
    }
    return new MetricQuery(
        metric.name(),
        active.version(),
        active.window(),
        provider,
        render(metric.query(), values),
        spec.analysis().prometheus() == null ? null : spec.analysis().prometheus().address(),
        null,
        null,
        release.getMetadata().getNamespace());
  }

  /** Fills {{name}}, {{namespace}}, {{version}} and {{track}}; nothing else is templated. */
  static String render(String template, Map<String, String> values) {
    if (template == null) {
      return null;
    }
    String rendered = template;
    for (Map.Entry<String, String> value : values.entrySet()) {
      rendered = rendered.replace("{{" + value.getKey() + "}}", value.getValue());
    }
    return rendered;
  }

  /**
   * When a metric is measured next: an interval after its last measurement, and at once when a
   * canary step's traffic came into force after it, so each step is judged on its own traffic as
   * soon as it runs. The first measurement of a canary step is due at once. The first one of an
   * observation period is due at this release's own offset within the interval after the promotion,
   * so releases promoted together (an operator's first start, a fleet-wide rollout) measure spread
   * over the interval rather than in one wave; the canary measured the same version until then.
   *
   * @param windowStart the promotion, in an observation period; the step's traffic in force, in a
   *     canary (null while it is not yet)
   */
  public static Instant dueAt(
      ModelRelease release,
      Instant windowStart,
      ActiveAnalysis active,
      AnalysisMetric metric,
      Instant lastMeasured) {
    Duration interval = ActiveAnalysis.interval(release.getSpec(), metric);
    boolean canary = !ActiveAnalysis.OBSERVATION.equals(active.window());
    if (lastMeasured == null) {
      return canary ? Instant.MIN : windowStart.plus(offset(release, interval));
    }
    if (canary && windowStart != null && lastMeasured.isBefore(windowStart)) {
      return windowStart;
    }
    return lastMeasured.plus(interval);
  }

  /** Where the active window's measurements count from, as {@link #dueAt} takes it. */
  public static Instant windowStart(ModelReleaseStatus status, ActiveAnalysis active) {
    return ActiveAnalysis.OBSERVATION.equals(active.window())
        ? status.getStable().approvedAt()
        : status.getCanary() == null ? null : status.getCanary().stepStartedAt();
  }

  /** A fixed point within the interval, from the release's identity. */
  static Duration offset(ModelRelease release, Duration interval) {
    String identity = release.getMetadata().getNamespace() + "/" + release.getMetadata().getName();
    long hash = Long.parseUnsignedLong(ObjectNames.digest(identity).substring(0, 15), 16);
    return Duration.ofMillis(Math.floorMod(hash, Math.max(1, interval.toMillis())));
  }

  private static Instant lastMeasured(AnalysisStatus status, String metric) {
    return status.metrics().stream()
        .filter(m -> m.name().equals(metric))
        .findFirst()
        .map(MetricStatus::measuredAt)
        .orElse(null);
  }
}
