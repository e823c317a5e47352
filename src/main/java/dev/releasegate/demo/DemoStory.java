package dev.releasegate.demo;

import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.Owner;
import dev.releasegate.api.v1alpha1.PacketDigestStatus;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.Reason;
import dev.releasegate.gate.Signoff;
import dev.releasegate.lifecycle.ReleaseAnnotations;
import dev.releasegate.lifecycle.ReleaseEvent;
import dev.releasegate.operator.ReleaseEventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Plays the people around the example releases, so a newcomer sees every phase within a couple of
 * minutes: reviewers sign versions off, a git sync brings a new version, on-call skips long pauses.
 * Each act waits for the operator to reach the state it follows, then happens after a short delay a
 * person can read, and is recorded as an Event so the live view says who did what.
 */
final class DemoStory implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoStory.class);
  private static final List<String> BEFORE_TRAFFIC =
      List.of("product", "mlops", "security", "privacy");
  private static final List<String> BEFORE_PROMOTION = List.of("business", "support");
  private static final List<String> ALL =
      List.of("product", "mlops", "security", "privacy", "business", "support");

  private final KubernetesClient client;
  private final String namespace;
  private final Path updates;
  private final SimulatedPrometheus prometheus;
  private final ReleaseEventRecorder recorder;
  private final Map<String, Deque<Act>> acts = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "demo-story");
            thread.setDaemon(true);
            return thread;
          });
  private SharedIndexInformer<ModelRelease> informer;

  /** One thing that happens to a release once it reaches a state. */
  private record Act(
      String description,
      Predicate<ModelRelease> when,
      Duration after,
      Consumer<ModelRelease> action) {}

  DemoStory(
      KubernetesClient client,
      String namespace,
      Path updates,
      SimulatedPrometheus prometheus,
      Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.updates = updates;
    this.prometheus = prometheus;
    this.recorder = new ReleaseEventRecorder(client, clock, "releasegate-demo", "demo");
    script();
  }

  private void script() {
    // The release the demo shows as already through its gates: signed at once. A week later (in
    // demo time, a minute) a new version arrives whose unsafe output rate climbs in its canary.
    story(
        "support-summarizer",
        new Act(
            "Reviewers sign 2026.11.1 off",
            phase(Phase.AwaitingGates),
            Duration.ZERO,
            sign("2026.11.1", ALL)),
        new Act(
            "A git sync brings 2026.12.0, with a freeze exception from the business owner",
            reason(Reason.Observing),
            Duration.ofSeconds(45),
            release -> {
              annotate(
                  release,
                  Map.of(ReleaseAnnotations.FREEZE_EXCEPTION, "version=2026.12.0; by=bea"));
              Manifests.apply(
                  client, updates.resolve("support-summarizer-2026.12.0.yaml"), namespace);
            }),
        new Act(
            "Product, MLOps, security and privacy sign 2026.12.0 for its first traffic",
            phase(Phase.AwaitingGates).and(candidate("2026.12.0")),
            Duration.ofSeconds(4),
            sign("2026.12.0", BEFORE_TRAFFIC)),
        new Act(
            "2026.12.0's canary starts flagging unsafe outputs",
            pausedAtStep(1).and(candidate("2026.12.0")),
            Duration.ofSeconds(3),
            release -> prometheus.climbUnsafeOutputRate("support-summarizer", "canary")));
    // Signatures alone do not open gates: its evidence is incomplete and a finding is open.
    story(
        "triage-bot",
        new Act(
            "Every owner signs 0.9.0, yet the evidence says no",
            phase(Phase.AwaitingGates),
            Duration.ofSeconds(3),
            sign("0.9.0", ALL)));
    story(
        "fraud-scorer",
        new Act(
            "Reviewers sign 3.4.0 off",
            phase(Phase.AwaitingGates),
            Duration.ofSeconds(4),
            sign("3.4.0", ALL)),
        new Act(
            "A git sync brings 3.5.0 and its eval report; business grants it a freeze exception",
            reason(Reason.Observing),
            Duration.ofSeconds(4),
            release -> {
              annotate(
                  release, Map.of(ReleaseAnnotations.FREEZE_EXCEPTION, "version=3.5.0; by=bruno"));
              Manifests.apply(client, updates.resolve("fraud-scorer-3.5.0.yaml"), namespace);
            }),
        new Act(
            "Product, MLOps and security sign 3.5.0 for its first traffic",
            phase(Phase.AwaitingGates).and(candidate("3.5.0")),
            Duration.ofSeconds(5),
            sign("3.5.0", BEFORE_TRAFFIC)),
        skipPause(1),
        skipPause(2),
        skipPause(3),
        new Act(
            "Business and support sign 3.5.0 for full traffic",
            phase(Phase.Paused).and(candidate("3.5.0")),
            Duration.ofSeconds(5),
            sign("3.5.0", BEFORE_PROMOTION)));
  }

  /** On-call has seen enough of a step and skips the rest of its ten-minute pause. */
  private Act skipPause(int step) {
    return new Act(
        "On-call skips the rest of step " + step + "'s pause",
        pausedAtStep(step),
        Duration.ofSeconds(8),
        release ->
            annotate(
                release,
                Map.of(ReleaseAnnotations.PROMOTE, "version=3.5.0; by=mei; step=" + step)));
  }

  private void story(String release, Act... steps) {
    acts.put(release, new ArrayDeque<>(List.of(steps)));
  }

  DemoStory start() {
    informer =
        releases()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(ModelRelease release) {
                    advance(release);
                  }

                  @Override
                  public void onUpdate(ModelRelease old, ModelRelease release) {
                    advance(release);
                  }

                  @Override
                  public void onDelete(ModelRelease release, boolean unknown) {
                    acts.remove(release.getMetadata().getName());
                  }
                });
    return this;
  }

  /** Starts the release's next act when the state it waits for is reached. */
  private synchronized void advance(ModelRelease release) {
    Deque<Act> pending = acts.get(release.getMetadata().getName());
    if (pending == null || pending.isEmpty() || !pending.peek().when().test(release)) {
      return;
    }
    Act act = pending.poll();
    scheduler.schedule(
        () -> play(release.getMetadata().getName(), act),
        act.after().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void play(String name, Act act) {
    // Outside a reconcile JOSDK sets no MDC; the story's lines name their release the same way.
    try (var ns = MDC.putCloseable("resource.namespace", namespace);
        var release = MDC.putCloseable("resource.name", name)) {
      playAttributed(name, act);
    }
  }

  private void playAttributed(String name, Act act) {
    try {
      ModelRelease release = releases().withName(name).get();
      if (release == null) {
        return;
      }
      act.action().accept(release);
      recorder.record(
          release,
          List.of(new ReleaseEvent(ReleaseEvent.Type.Normal, "Demo", act.description() + ".")));
    } catch (RuntimeException e) {
      // A scheduled task's exception would vanish; the demo's log says what went wrong.
      LOG.warn("Demo act '{}' on {} failed: {}", act.description(), name, e.toString());
    }
  }

  private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          ModelRelease,
          io.fabric8.kubernetes.api.model.KubernetesResourceList<ModelRelease>,
          Resource<ModelRelease>>
      releases() {
    return client.resources(ModelRelease.class).inNamespace(namespace);
  }

  /**
   * Each listed role the release names an owner for signs, as that owner, the packet digest status
   * shows for the version (as a reviewer copies it from {@code kubectl get}); the Acts run when
   * status is about this version, so the digest is there.
   */
  private Consumer<ModelRelease> sign(String version, List<String> roles) {
    return release -> {
      PacketDigestStatus digest =
          release.getStatus() == null ? null : release.getStatus().getPacketDigest();
      String digestField =
          digest != null && version.equals(digest.version())
              ? "; digest=" + digest.shortDigest()
              : "";
      Map<String, String> signoffs = new LinkedHashMap<>();
      for (Owner owner : release.getSpec().owners()) {
        if (roles.contains(owner.role())) {
          signoffs.put(
              Signoff.ANNOTATION_PREFIX + owner.role(),
              "version=" + version + digestField + "; by=" + owner.name());
        }
      }
      annotate(release, signoffs);
    };
  }

  /** As {@code kubectl annotate} does it: a merge patch, with no resourceVersion to conflict on. */
  private void annotate(ModelRelease release, Map<String, String> annotations) {
    releases()
        .withName(release.getMetadata().getName())
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            Serialization.asJson(Map.of("metadata", Map.of("annotations", annotations))));
  }

  private static Predicate<ModelRelease> phase(Phase phase) {
    return r -> r.getStatus() != null && r.getStatus().getPhase() == phase;
  }

  private static Predicate<ModelRelease> reason(Reason reason) {
    return r -> r.getStatus() != null && reason.name().equals(r.getStatus().getReason());
  }

  private static Predicate<ModelRelease> candidate(String version) {
    return r ->
        r.getStatus().getCanary() != null && version.equals(r.getStatus().getCanary().version());
  }

  private static Predicate<ModelRelease> pausedAtStep(int step) {
    return r ->
        r.getStatus() != null
            && Reason.StepPause.name().equals(r.getStatus().getReason())
            && r.getStatus().getCanary() != null
            && r.getStatus().getCanary().step() == step;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    if (informer != null) {
      informer.close();
    }
  }
}
