package dev.releasegate.analysis;

import dev.releasegate.api.v1alpha1.AnalysisMetric;

/**
 * A real Prometheus scraping two simulated model servers: one that keeps answering, and one a test
 * can stop to see what a scrape that stops does to an analysis.
 */
public final class PrometheusTestbed implements AutoCloseable {
  private final SimulatedModelServer steady = new SimulatedModelServer();
  private final SimulatedModelServer stoppable = new SimulatedModelServer();
  private final PrometheusProcess prometheus =
      new PrometheusProcess(steady.target(), stoppable.target());

  private PrometheusTestbed() {}

  public static PrometheusTestbed start() {
    return new PrometheusTestbed();
  }

  /**
   * The checklist's unsafe output rate as an analysis metric: this testbed's ratio for the release
   * and track, at most 0.02, no failure tolerated, measured every second.
   *
   * @param during canary, observation or both
   */
  public static AnalysisMetric unsafeOutputRate(String during) {
    return new AnalysisMetric(
        "unsafe-output-rate",
        "prometheus",
        "max(model_unsafe_output_ratio{release=\"{{name}}\",track=\"{{track}}\"})",
        null,
        0.02,
        null,
        0,
        null,
        null,
        null,
        during,
        "1s");
  }

  public String prometheusAddress() {
    return prometheus.address();
  }

  /** Sets a release's unsafe output ratio on the server that keeps answering. */
  public void set(String release, String track, double ratio) {
    steady.set(release, track, ratio);
  }

  /** Sets a release's unsafe output ratio on the server that {@link #stopScrapes} stops. */
  public void setOnStoppable(String release, String track, double ratio) {
    stoppable.set(release, track, ratio);
  }

  /** The stoppable server stops answering; Prometheus marks its series stale at the next scrape. */
  public void stopScrapes() {
    stoppable.close();
  }

  @Override
  public void close() throws Exception {
    prometheus.close();
    steady.close();
    stoppable.close();
  }
}
