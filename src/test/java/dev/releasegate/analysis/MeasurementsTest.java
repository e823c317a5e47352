package dev.releasegate.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.api.v1alpha1.MetricProviderKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Measurements run beside the reconciles, never inside them. */
class MeasurementsTest {
  private static final ResourceID RELEASE = new ResourceID("assistant", "team");
  private final CountDownLatch answer = new CountDownLatch(1);
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private final ConcurrentLinkedQueue<ResourceID> woken = new ConcurrentLinkedQueue<>();

  /** A metric source that answers 0.01 only once the test lets it. */
  private final MetricProviders hanging =
      new MetricProviders(
          Map.of(
              MetricProviderKind.prometheus,
              query -> {
                started.incrementAndGet();
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                  answer.await();
                  return Measurement.value(query, 0.01);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return Measurement.error(query, "interrupted");
                } finally {
                  running.decrementAndGet();
                }
              }));

  @AfterEach
  void letGo() {
    answer.countDown();
  }

  private static MetricQuery query(String metric) {
    return new MetricQuery(
        metric,
        "1.1.0",
        "canary",
        MetricProviderKind.prometheus,
        "up",
        "http://p",
        null,
        null,
        "team");
  }

  @Test
  void aReconcileNeverWaitsForAMetricSourceAndAQueryRunsOnceUntilItAnswers() {
    Measurements measurements = new Measurements(hanging, woken::add);

    assertThat(measurements.collect(RELEASE, List.of(query("a"), query("b")))).isEmpty();
    await().atMost(Duration.ofSeconds(5)).until(() -> started.get() == 2);
    // Still due at the next reconcile, but already running: not started twice.
    assertThat(measurements.collect(RELEASE, List.of(query("a"), query("b")))).isEmpty();
    assertThat(measurements.inFlight()).isEqualTo(2);

    answer.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> woken.size() == 2);
    assertThat(woken).containsOnly(RELEASE);
    assertThat(measurements.collect(RELEASE, List.of(query("a"), query("b"))))
        .extracting(m -> m.query().metric() + "=" + m.value())
        .containsExactlyInAnyOrder("a=0.01", "b=0.01");
    assertThat(started).as("what was just measured is not started again").hasValue(2);
    assertThat(measurements.collect(RELEASE, List.of())).isEmpty();
  }

  @Test
  void atMostTheWorkersRunAtOnceWhateverIsDue() {
    Measurements measurements = new Measurements(hanging, woken::add, 3);
    for (int i = 0; i < 10; i++) {
      measurements.collect(new ResourceID("r" + i, "team"), List.of(query("a")));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> started.get() == 3);
    assertThat(measurements.inFlight()).isEqualTo(10);

    answer.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> woken.size() == 10);
    assertThat(mostAtOnce).hasValue(3);
  }
}
