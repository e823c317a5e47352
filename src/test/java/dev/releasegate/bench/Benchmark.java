package dev.releasegate.bench;

import static org.awaitility.Awaitility.await;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.AnalysisMetric;
import dev.releasegate.api.v1alpha1.AnalysisSpec;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.HttpMetricSource;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.ModelSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.cluster.ControlPlane;
import dev.releasegate.gate.Signoff;
import dev.releasegate.lifecycle.ReleaseAnnotations;
import dev.releasegate.lifecycle.Releases;
import dev.releasegate.traffic.ServingObjects;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The kill-switch benchmark: an API server (the embedded one in a JVM of its own, or a real control
 * plane; see {@link BenchmarkApi}), the operator in another JVM, N releases brought into a canary
 * step, and an independent client that flips kill switches and times how long until a watch sees
 * the canary at zero and the stable at full, against the floor any operator pays on the same API.
 * Also: the operator's time to reconcile every release once, its memory, and the API requests it
 * makes per release per minute while the canaries rest and their analysis measures.
 */
public final class Benchmark {
  static final String BENCH = "bench";
  static final String FLOOR = "floor";
  static final String STABLE_VERSION = "1.0.0";
  static final String CANARY_VERSION = "2.0.0";
  static final int REPLICAS = 4;

  /** How often each canary measures its signal: the spec's default. */
  static final String ANALYSIS_INTERVAL = "1m";

  /** What to run. */
  public record Settings(
      int releases,
      int sample,
      double burstFraction,
      Duration steadyWindow,
      List<String> operatorJvmArgs,
      Duration timeout) {

    /** Defaults scaled to N: a one-at-a-time sample of 100 (fewer for small N), a 10% burst. */
    public static Settings forReleases(int releases) {
      return new Settings(
          releases,
          Math.min(100, Math.max(5, releases / 4)),
          0.10,
          Duration.ofSeconds(60),
          ChartJvm.OPTIONS,
          Duration.ofMinutes(Math.max(5, releases / 100)));
    }
  }

  private final Settings settings;
  private final Path dir;
  private final SignalServer signals;

  private Benchmark(Settings settings, Path dir, SignalServer signals) {
    this.settings = settings;
    this.dir = dir;
    this.signals = signals;
  }

  /** Runs the whole benchmark on the embedded API and returns its figures. */
  public static BenchmarkResult run(Settings settings) throws Exception {
    return run(settings, "embedded");
  }

  /** Runs the whole benchmark on the API {@code -Dapi} names and returns its figures. */
  public static BenchmarkResult run(Settings settings, String api) throws Exception {
    Path dir = Files.createTempDirectory("releasegate-bench-");
    System.out.println("Logs, API request counts and the operator's heap histogram: " + dir);
    try (SignalServer signals = new SignalServer();
        BenchmarkApi server = BenchmarkApi.start(api, dir, List.of(BENCH, FLOOR))) {
      return new Benchmark(settings, dir, signals).run(server);
    }
  }

  private BenchmarkResult run(BenchmarkApi api) throws Exception {
    int floorReleases = settings.sample() + burstSize();
    KubernetesClient client = api.client();
    putEvidence(client, BENCH);
    putEvidence(client, FLOOR);
    createReleases(client, BENCH, settings.releases());
    SharedIndexInformer<ModelRelease> releases =
        client.resources(ModelRelease.class).inNamespace(BENCH).inform();
    List<String> operatorArgs = new ArrayList<>(List.of("--cluster", "--namespace", BENCH));
    // A port of its own for /metrics and the probes, so a benchmark beside another one starts.
    operatorArgs.add("--http-port=" + freePort());
    operatorArgs.addAll(api.operatorArgs());
    long operatorStart = System.nanoTime();
    try (ChildJvm operator =
            new ChildJvm(
                "operator",
                dir,
                settings.operatorJvmArgs(),
                operatorArgs,
                Map.of("KUBECONFIG", api.operatorKubeconfig().toString()));
        RollbackWatch watch = new RollbackWatch(client, REPLICAS)) {
      awaitAll(releases, r -> r.getStatus() != null && r.getStatus().getPhase() != null, operator);
      double reconciledOnceSeconds = (System.nanoTime() - operatorStart) / 1e9;

      forEachRelease(
          client,
          BENCH,
          settings.releases(),
          name -> merge(api.reviewer(), BENCH, name, signoffs(api, STABLE_VERSION), null));
      awaitAll(
          releases,
          r -> r.getStatus() != null && r.getStatus().getPhase() == Phase.Promoted,
          operator);
      forEachRelease(
          client,
          BENCH,
          settings.releases(),
          name ->
              merge(
                  api.reviewer(),
                  BENCH,
                  name,
                  signoffs(api, CANARY_VERSION),
                  model(CANARY_VERSION)));
      awaitAll(
          releases,
          r ->
              r.getStatus() != null
                  && r.getStatus().getCanary() != null
                  && r.getStatus().getCanary().stepStartedAt() != null,
          operator);
      await()
          .atMost(settings.timeout())
          .until(
              () ->
                  IntStream.range(0, settings.releases())
                      .allMatch(i -> watch.splitFor(BENCH, name(i))));

      // At rest: every canary split in force and measured once, every Deployment rolled out (its
      // pods ready) and none changed for three seconds, so the operator has seen the last of it;
      // from here on the analysis' measurement each interval is all that happens.
      awaitAll(releases, Benchmark::measured, operator);
      awaitDeploymentsAtRest(watch);
      ApiCounts before = api.operatorCounts();
      long measurementsBefore = signals.measurements();
      long steadyStart = System.nanoTime();
      await()
          .pollDelay(settings.steadyWindow())
          .atMost(settings.steadyWindow().plusSeconds(10))
          .until(() -> true);
      ApiCounts after = api.operatorCounts();
      double minutes = (System.nanoTime() - steadyStart) / 60e9;
      double measurements =
          (signals.measurements() - measurementsBefore) / (double) settings.releases() / minutes;
      long rss = operator.residentBytes();
      long heap = operator.liveHeapBytes();
      // What the live heap is made of, for whoever wants to make it smaller.
      Files.writeString(dir.resolve("operator-histogram.txt"), operator.classHistogram());
      Files.writeString(dir.resolve("operator-native-memory.txt"), operator.nativeMemory());

      Percentiles oneAtATime = oneAtATime(client, watch, BENCH, 0, settings.sample());
      Percentiles burst = burst(client, watch, BENCH, settings.sample(), burstSize());

      createFloor(client, floorReleases);
      Percentiles floorOne;
      Percentiles floorBurst;
      try (FloorOperator floor = new FloorOperator(api.floorClient(), FLOOR, REPLICAS)) {
        await()
            .atMost(settings.timeout())
            .until(
                () ->
                    IntStream.range(0, floorReleases)
                        .allMatch(i -> watch.splitFor(FLOOR, name(i))));
        floorOne = oneAtATime(client, watch, FLOOR, 0, settings.sample());
        floorBurst = burst(client, watch, FLOOR, settings.sample(), burstSize());
      }
      return new BenchmarkResult(
          api.kind(),
          api.server(),
          settings.releases(),
          settings.sample(),
          burstSize(),
          oneAtATime,
          burst,
          floorOne,
          floorBurst,
          reconciledOnceSeconds,
          rss,
          heap,
          (after.releaseRequests() - before.releaseRequests())
              / (double) settings.releases()
              / minutes,
          (after.releaseWrites() - before.releaseWrites()) / (double) settings.releases() / minutes,
          measurements,
          (after.leaseRequests() - before.leaseRequests()) / minutes,
          after.minus(before),
          api.operatorErrors());
    }
  }

  /**
   * Until every Deployment has rolled out and none has changed for three seconds, as the watch sees
   * them: the same on both APIs, though only the embedded one counts the kubelet's and the
   * controllers' writes.
   */
  private void awaitDeploymentsAtRest(RollbackWatch watch) {
    long[] last = {-1};
    int[] quietFor = {0};
    await()
        .atMost(settings.timeout())
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              long changes = watch.changes();
              quietFor[0] = changes == last[0] && watch.allRolledOut() ? quietFor[0] + 1 : 0;
              last[0] = changes;
              return quietFor[0] >= 3;
            });
  }

  /** Whether the release's canary analysis has measured its signal at least once. */
  private static boolean measured(ModelRelease release) {
    return release.getStatus() != null
        && release.getStatus().getAnalysis() != null
        && release.getStatus().getAnalysis().metrics().stream()
            .anyMatch(m -> m.lastValue() != null);
  }

  private int burstSize() {
    return Math.max(1, (int) Math.round(settings.releases() * settings.burstFraction()));
  }

  /** Flips kill switches one at a time, each after the last one's rollback was seen. */
  private Percentiles oneAtATime(
      KubernetesClient client, RollbackWatch watch, String namespace, int from, int count)
      throws Exception {
    List<Double> millis = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      millis.add(
          flip(client, watch, namespace, name(i))
              .get(settings.timeout().toSeconds(), TimeUnit.SECONDS));
    }
    return Percentiles.of(millis);
  }

  /** Flips kill switches as fast as the client can send them, from 16 threads at once. */
  private Percentiles burst(
      KubernetesClient client, RollbackWatch watch, String namespace, int from, int count)
      throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(16);
    try {
      List<CompletableFuture<CompletableFuture<Double>>> sent = new ArrayList<>();
      for (int i = from; i < from + count; i++) {
        String name = name(i);
        sent.add(
            CompletableFuture.supplyAsync(() -> flip(client, watch, namespace, name), senders));
      }
      List<Double> millis = new ArrayList<>();
      for (var each : sent) {
        millis.add(
            each.get(settings.timeout().toSeconds(), TimeUnit.SECONDS)
                .get(settings.timeout().toSeconds(), TimeUnit.SECONDS));
      }
      return Percentiles.of(millis);
    } finally {
      senders.shutdownNow();
    }
  }

  /**
   * Flips one release's kill switch; completes with the milliseconds from the annotate's response
   * to the rollback seen.
   */
  private CompletableFuture<Double> flip(
      KubernetesClient client, RollbackWatch watch, String namespace, String name) {
    CompletableFuture<Long> seen = watch.arm(namespace, name);
    merge(
        client,
        namespace,
        name,
        // The benchmark's client is the admin on a real control plane, whose admission policy
        // accepts no other by=; the embedded API checks none.
        Map.of(ReleaseAnnotations.KILL_SWITCH, "reason=benchmark; by=" + ControlPlane.ADMIN),
        null);
    long responded = System.nanoTime();
    return seen.thenApply(at -> (at - responded) / 1e6);
  }

  private void createReleases(KubernetesClient client, String namespace, int count) {
    forEachRelease(
        client,
        namespace,
        count,
        name -> {
          ModelRelease release = new ModelRelease();
          release.getMetadata().setName(name);
          release.getMetadata().setNamespace(namespace);
          release.setSpec(spec(STABLE_VERSION));
          client.resource(release).create();
        });
  }

  /** The floor's releases: as the operator leaves them mid-canary, made by hand. */
  private void createFloor(KubernetesClient client, int count) {
    forEachRelease(
        client,
        FLOOR,
        count,
        name -> {
          ModelRelease release = new ModelRelease();
          release.getMetadata().setName(name);
          release.getMetadata().setNamespace(FLOOR);
          release.setSpec(spec(CANARY_VERSION));
          ModelRelease created = client.resource(release).create();
          client
              .resource(
                  ServingObjects.render(
                      created, model(STABLE_VERSION), ObjectNames.STABLE, REPLICAS - 1))
              .fieldManager("bench")
              .forceConflicts()
              .serverSideApply();
          client
              .resource(
                  ServingObjects.render(created, model(CANARY_VERSION), ObjectNames.CANARY, 1))
              .fieldManager("bench")
              .forceConflicts()
              .serverSideApply();
        });
  }

  /** Two steps, the first paused for an hour, with the checklist's unsafe output rate watched. */
  private ModelReleaseSpec spec(String version) {
    AnalysisMetric unsafeOutputRate =
        new AnalysisMetric(
            "unsafe-output-rate",
            "http",
            null,
            new HttpMetricSource(signals.urlTemplate(), "/value", null),
            0.02,
            null,
            null,
            null,
            null,
            null,
            "canary",
            null);
    return Releases.with(
        Releases.spec(version, List.of(new CanaryStep(25, "1h"), new CanaryStep(100, null))),
        "analysis",
        new AnalysisSpec(ANALYSIS_INTERVAL, null, List.of(unsafeOutputRate)));
  }

  private static ModelSpec model(String version) {
    return Releases.spec(version).model();
  }

  /** Every role's sign-off, each by the name the API expects of whoever sends it. */
  private static Map<String, String> signoffs(BenchmarkApi api, String version) {
    Map<String, String> annotations = new HashMap<>();
    Releases.ALL_ROLES.forEach(
        role ->
            annotations.put(
                Signoff.ANNOTATION_PREFIX + role, Releases.signoff(version, api.signer(role))));
    return annotations;
  }

  /** A merge patch without a resourceVersion, as kubectl annotate and a git sync send it. */
  private static void merge(
      KubernetesClient client,
      String namespace,
      String name,
      Map<String, String> annotations,
      ModelSpec model) {
    Map<String, Object> patch = new HashMap<>();
    patch.put("metadata", Map.of("annotations", annotations));
    if (model != null) {
      patch.put("spec", Map.of("model", model));
    }
    client
        .resources(ModelRelease.class)
        .inNamespace(namespace)
        .withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch));
  }

  private static void forEachRelease(
      KubernetesClient client,
      String namespace,
      int count,
      java.util.function.Consumer<String> action) {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<Void>> all =
          IntStream.range(0, count)
              .mapToObj(Benchmark::name)
              .map(name -> CompletableFuture.runAsync(() -> action.accept(name), pool))
              .toList();
      all.forEach(CompletableFuture::join);
    } finally {
      pool.shutdownNow();
    }
  }

  private void awaitAll(
      SharedIndexInformer<ModelRelease> releases,
      java.util.function.Predicate<ModelRelease> condition,
      ChildJvm operator) {
    await()
        .atMost(settings.timeout())
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              if (!operator.alive()) {
                throw new IllegalStateException("the operator exited; see " + operator.log);
              }
              var all = releases.getStore().list();
              return all.size() == settings.releases() && all.stream().allMatch(condition);
            });
  }

  private static void putEvidence(KubernetesClient client, String namespace) {
    client
        .configMaps()
        .inNamespace(namespace)
        .resource(
            Releases.evidenceConfigMap(namespace, Releases.EVIDENCE, Releases.evidenceData(0.91)))
        .create();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static String name(int i) {
    return String.format("r-%05d", i);
  }
}
