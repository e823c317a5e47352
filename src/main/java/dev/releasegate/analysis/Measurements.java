package dev.releasegate.analysis;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Takes measurements off the reconcile threads. A reconcile hands over the queries that are due and
 * takes back what has been measured since its last look; it never waits for a metric source, so a
 * kill switch or a rollback is decided at once even while every source hangs. Each query is bounded
 * by its provider's timeout, at most {@link #WORKERS} run at once, and one query per release,
 * metric, version and window is in flight at a time. When a measurement is in, {@code measured} is
 * told which release to reconcile.
 */
public final class Measurements {
  /**
   * Enough for thousands of healthy queries a second; with every source hanging until its timeout
   * they fall behind, and only the analysis waits.
   */
  public static final int WORKERS = 16;

  private final MetricProviders providers;
  private final Consumer<ResourceID> measured;
  private final ThreadPoolExecutor workers;
  private final Map<ResourceID, List<Measurement>> done = new ConcurrentHashMap<>();
  private final Set<InFlight> running = ConcurrentHashMap.newKeySet();

  private record InFlight(ResourceID release, String metric, String version, String window) {
    static InFlight of(ResourceID release, MetricQuery query) {
      return new InFlight(release, query.metric(), query.version(), query.window());
    }
  }

  public Measurements(MetricProviders providers, Consumer<ResourceID> measured) {
    this(providers, measured, WORKERS);
  }

  Measurements(MetricProviders providers, Consumer<ResourceID> measured, int workers) {
    this.providers = providers;
    this.measured = measured;
    // The queue holds at most one task per release and metric: running dedupes them.
    this.workers =
        new ThreadPoolExecutor(
            workers, workers, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemons());
    this.workers.allowCoreThreadTimeOut(true);
  }

  /**
   * What has been measured for a release since the last call, and starts each due query that is not
   * already running or just measured.
   */
  public List<Measurement> collect(ResourceID release, List<MetricQuery> due) {
    List<Measurement> ready = done.remove(release);
    ready = ready == null ? List.of() : ready;
    for (MetricQuery query : due) {
      InFlight key = InFlight.of(release, query);
      boolean justMeasured =
          ready.stream().anyMatch(m -> InFlight.of(release, m.query()).equals(key));
      if (!justMeasured && running.add(key)) {
        workers.execute(() -> measure(key, query));
      }
    }
    return ready;
  }

  /** How many queries are being measured now or wait for a worker. */
  public int inFlight() {
    return running.size();
  }

  private void measure(InFlight key, MetricQuery query) {
    try {
      Measurement measurement = providers.measure(query);
      done.merge(
          key.release(),
          List.of(measurement),
          (before, now) -> {
            List<Measurement> all = new ArrayList<>(before);
            all.addAll(now);
            return all;
          });
    } finally {
      running.remove(key);
    }
    measured.accept(key.release());
  }

  private static ThreadFactory daemons() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "releasegate-measure-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
