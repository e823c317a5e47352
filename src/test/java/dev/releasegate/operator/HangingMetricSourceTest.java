package dev.releasegate.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.analysis.MetricProviders;
import dev.releasegate.api.v1alpha1.AnalysisMetric;
import dev.releasegate.api.v1alpha1.AnalysisSpec;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.PrometheusProvider;
import dev.releasegate.lifecycle.ReleaseAnnotations;
import dev.releasegate.lifecycle.Releases;
import dev.releasegate.testing.Integration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A metric source that takes every query and never answers: the kill switch must not wait for it.
 * Measurements once ran inside the reconcile, one after another, each up to its timeout, and the
 * kill switch's reconcile queued behind them.
 */
@Integration
class HangingMetricSourceTest {
  private OperatorHarness h;
  private ServerSocket silent;
  private final List<Socket> held = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              while (!silent.isClosed()) {
                try {
                  held.add(silent.accept());
                } catch (IOException closed) {
                  return;
                }
              }
            },
            "silent-metric-source");
    acceptor.setDaemon(true);
    acceptor.start();
    h = new OperatorHarness();
  }

  @AfterEach
  void stop() throws IOException {
    h.close();
    silent.close();
    for (Socket socket : held) {
      socket.close();
    }
  }

  private ModelReleaseSpec spec(String version) {
    List<AnalysisMetric> four =
        IntStream.rangeClosed(1, 4)
            .mapToObj(
                i ->
                    new AnalysisMetric(
                        "signal-" + i,
                        "prometheus",
                        "up",
                        null,
                        1.0,
                        null,
                        0,
                        null,
                        null,
                        null,
                        null,
                        "1s"))
            .toList();
    return Releases.with(
        Releases.spec(version, List.of(new CanaryStep(50, "1h"), new CanaryStep(100, null))),
        "analysis",
        new AnalysisSpec(
            "1s", new PrometheusProvider("http://127.0.0.1:" + silent.getLocalPort()), four));
  }

  @Test
  void theKillSwitchActsWhileEveryMeasurementStillHangs() {
    h.promoted("assistant", spec("1.0.0"));
    h.signedCandidate("assistant", spec("1.1.0"));
    h.awaitStepInForce("assistant", 1);
    // All four queries of the step are out, and none will ever be answered.
    await().atMost(OperatorHarness.WAIT).until(() -> held.size() >= 4);

    h.annotate("assistant", Map.of(ReleaseAnnotations.KILL_SWITCH, "paged by dana"));

    // Well inside one query's timeout: the rollback did not wait for any of them.
    ModelRelease rolledBack =
        h.awaitPhase("assistant", Phase.RolledBack, MetricProviders.TIMEOUT.dividedBy(2));
    assertThat(rolledBack.getStatus().getReason()).isEqualTo("KillSwitch");
    assertThat(h.replicas("assistant", "canary")).containsValue(0);
    assertThat(held).allSatisfy(socket -> assertThat(socket.isClosed()).isFalse());
  }
}
