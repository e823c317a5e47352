package dev.releasegate.operator;

import dev.releasegate.analysis.MetricProviders;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.observability.OperatorEndpoints;
import dev.releasegate.observability.ReleaseMetrics;
import dev.releasegate.traffic.LeanInformerStore;
import dev.releasegate.traffic.TrafficRouters;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.AggregatedMetrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator process: one ModelRelease controller on a JOSDK {@link Operator}, its metrics, its
 * probes and, with several replicas, the lease that decides which one acts. The same wiring runs
 * against a real cluster and against the embedded API, so what the demo and the tests exercise is
 * what a cluster runs (server-side apply included).
 */
public final class ReleasegateOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReleasegateOperator.class);

  /** How the operator's client introduces itself: audit logs then say which requests were ours. */
  public static final String USER_AGENT = "releasegate/0.1.0";

  private final Operator operator;
  private final PrometheusMeterRegistry registry;
  private final AtomicBoolean leading;
  private final AtomicBoolean stopping;
  private final Runnable releaseLease;
  private final AtomicBoolean started = new AtomicBoolean();
  private final FatalInformerStop informerStop;
  private Optional<OperatorEndpoints> endpoints = Optional.empty();

  private ReleasegateOperator(
      Operator operator,
      PrometheusMeterRegistry registry,
      AtomicBoolean leading,
      AtomicBoolean stopping,
      Runnable releaseLease,
      FatalInformerStop informerStop) {
    this.informerStop = informerStop;
    this.operator = operator;
    this.registry = registry;
    this.leading = leading;
    this.stopping = stopping;
    this.releaseLease = releaseLease;
  }

  /**
   * Starts serving the endpoints, then reconciling ModelReleases (once it holds the lease, when
   * leader election is on). Returns once the caches are synced.
   *
   * @param client the API to work against; not closed by {@link #close()}
   * @param clock the time decisions are made at
   * @param settings the policy, what to watch, the lease and the endpoints
   */
  public static ReleasegateOperator start(
      KubernetesClient client, Clock clock, OperatorSettings settings) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    List.of(
            new JvmMemoryMetrics(),
            new JvmGcMetrics(),
            new JvmThreadMetrics(),
            new ProcessorMetrics(),
            new UptimeMetrics())
        .forEach(binder -> binder.bindTo(registry));
    ReleaseMetrics releaseMetrics = new ReleaseMetrics(registry);
    // Without leader election this process acts at once, so it counts as the leader.
    AtomicBoolean leading = new AtomicBoolean(settings.leaderElection().isEmpty());
    AtomicBoolean stopping = new AtomicBoolean();
    FatalInformerStop informerStop = new FatalInformerStop(() -> System.exit(1));
    Gauge.builder("releasegate.leader", leading, l -> l.get() ? 1 : 0)
        .description("1 while this process holds the lease and acts on releases")
        .register(registry);

    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withStopOnInformerErrorDuringStartup(true)
                  .withInformerStoppedHandler(informerStop)
                  // JOSDK's own first: only the first of aggregated metrics times reconciles.
                  .withMetrics(
                      new AggregatedMetrics(
                          List.of(
                              MicrometerMetrics.withoutPerResourceMetrics(registry),
                              releaseMetrics)));
              settings
                  .leaderElection()
                  .ifPresent(
                      lease ->
                          o.withLeaderElectionConfiguration(
                              lease.configuration(
                                  settings.identity(), callbacks(lease, leading, stopping))));
            });
    var reconciler =
        new ModelReleaseReconciler(
            settings.policy(),
            clock,
            new TrafficRouters(),
            new ReleaseEventRecorder(client, clock, "releasegate", settings.identity()),
            new PacketRecordWriter(client, settings.packetRecordsFollowRelease()),
            new AuditTrailWriter(client, settings.packetRecordsFollowRelease()),
            MetricProviders.standard(new SecretHeaders(client, clock), settings.serviceAddresses()),
            releaseMetrics);
    operator.register(
        reconciler,
        o -> {
          if (!settings.namespaces().isEmpty()) {
            o.settingNamespaces(settings.namespaces());
          }
          settings.selector().ifPresent(o::withLabelSelector);
          LeanInformerStore.<ModelRelease>forNamespaces(settings.namespaces())
              .ifPresent(o::withItemStore);
        });
    Runnable releaseLease =
        settings
            .leaderElection()
            .<Runnable>map(lease -> () -> lease.release(client, settings.identity()))
            .orElse(() -> {});
    ReleasegateOperator process =
        new ReleasegateOperator(operator, registry, leading, stopping, releaseLease, informerStop);
    // Probes answer while the caches sync: alive, not yet ready.
    process.endpoints =
        settings
            .endpoints()
            .map(
                address ->
                    OperatorEndpoints.start(
                        address, registry::scrape, process::live, process::ready));
    try {
      operator.start();
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    process.started.set(true);
    return process;
  }

  /**
   * JOSDK does not stop reconciling when the lease is lost, so a former leader must exit (its pod
   * restarts as a standby). JOSDK's own exitOnStopLeading cannot be used: stopping the operator
   * also ends the leadership, and its System.exit from inside the SIGTERM shutdown hook blocks for
   * ever, so a pod would hang through its grace period and keep its Lease. Here only a loss while
   * running exits, from a thread of its own, so the shutdown it starts can take the elector's lock.
   */
  private static LeaderCallbacks callbacks(
      LeaderElection lease, AtomicBoolean leading, AtomicBoolean stopping) {
    return new LeaderCallbacks(
        () -> {
          leading.set(true);
          LOG.info("Holding the lease: reconciling releases");
        },
        () -> {
          leading.set(false);
          if (lease.exitOnStopLeading() && !stopping.get()) {
            LOG.error("Lost the lease: exiting, so that only the new leader acts");
            new Thread(() -> System.exit(1), "exit-after-lost-lease").start();
          }
        },
        leader -> LOG.info("The lease is held by {}", leader));
  }

  /** Alive unless an informer has failed for good (a restart reconnects it). */
  public boolean live() {
    return !started.get() || operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  /** Ready once started with every informer watching; a standby replica is ready too. */
  public boolean ready() {
    return started.get() && operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  /**
   * Why the operator is stopping the process, if an informer failed after the start (the process
   * exits then, as JOSDK's default does; a shutdown hook can still say why).
   */
  public Optional<String> fatalError() {
    return informerStop.reason();
  }

  /** Whether this process holds the lease (always, without leader election). */
  public boolean leading() {
    return leading.get();
  }

  /** The metrics in Prometheus' text format, as {@code /metrics} serves them. */
  public String scrape() {
    return registry.scrape();
  }

  /** The port of {@code /metrics}, {@code /healthz} and {@code /readyz}, if served. */
  public Optional<Integer> endpointsPort() {
    return endpoints.map(OperatorEndpoints::port);
  }

  @Override
  public void close() {
    endpoints.ifPresent(OperatorEndpoints::close);
    stopping.set(true);
    if (started.getAndSet(false)) {
      operator.stop();
      // Not only when the callbacks said we lead: the Lease can name us a moment before they run.
      // release checks the holder itself.
      releaseLease.run();
    }
    registry.close();
  }
}
