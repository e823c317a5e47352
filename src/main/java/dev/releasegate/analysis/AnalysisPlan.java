package dev.releasegate.analysis;

import dev.releasegate.api.v1alpha1.AnalysisMetric;
import dev.releasegate.api.v1alpha1.AnalysisStatus;
import dev.releasegate.api.v1alpha1.MetricProviderKind;
import dev.releasegate.api.v1alpha1.MetricStatus;
import dev.releasegate.api.v1alpha1.ModelRelease;
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
    return active.get().metrics().stream()
        .filter(m -> !sameAnalysis || isDue(release, m, lastMeasured(previous, m.name()), now))
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

  private static boolean isDue(
      ModelRelease release, AnalysisMetric metric, Instant lastMeasured, Instant now) {
    return lastMeasured == null
        || !now.isBefore(lastMeasured.plus(ActiveAnalysis.interval(release.getSpec(), metric)));
  }

  private static Instant lastMeasured(AnalysisStatus status, String metric) {
    return status.metrics().stream()
        .filter(m -> m.name().equals(metric))
        .map(MetricStatus::measuredAt)
        .findFirst()
        .orElse(null);
  }
}
