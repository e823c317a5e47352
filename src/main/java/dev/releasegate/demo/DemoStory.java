package dev.releasegate.demo;

import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.ModelSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.gate.Signoff;
import dev.releasegate.lifecycle.ReleaseEvent;
import dev.releasegate.operator.ReleaseEventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Plays the people around the example releases, so a newcomer sees every phase within a couple of
 * minutes: reviewers sign versions off, a git sync brings a new version. Each act waits for the
 * operator to reach the state it follows, then happens after a short delay a person can read, and
 * is recorded as an Event so the live view says who did what.
 */
final class DemoStory implements AutoCloseable {
  private static final List<String> BEFORE_TRAFFIC =
      List.of("product", "mlops", "security", "privacy");
  private static final List<String> BEFORE_PROMOTION = List.of("business", "support");
  private static final List<String> ALL =
      List.of("product", "mlops", "security", "privacy", "business", "support");

  private final KubernetesClient client;
  private final String namespace;
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

  DemoStory(KubernetesClient client, String namespace, Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.recorder = new ReleaseEventRecorder(client, clock, "releasegate-demo", "demo");
    script();
  }

  private void script() {
    story(
        "support-summarizer",
        new Act(
            "Reviewers sign 2026.11.1 off",
            phase(Phase.AwaitingGates),
            Duration.ofSeconds(2),
            sign("2026.11.1", ALL)));
    story(
        "fraud-scorer",
        new Act(
            "Reviewers sign 3.4.0 off",
            phase(Phase.AwaitingGates),
            Duration.ofSeconds(4),
            sign("3.4.0", ALL)),
        new Act(
            "A git sync brings 3.5.0",
            phase(Phase.Promoted),
            Duration.ofSeconds(4),
            newVersion("3.5.0")),
        new Act(
            "Product, MLOps and security sign 3.5.0 for its first traffic",
            phase(Phase.AwaitingGates).and(candidate("3.5.0")),
            Duration.ofSeconds(5),
            sign("3.5.0", BEFORE_TRAFFIC)),
        new Act(
            "Business and support sign 3.5.0 for full traffic",
            phase(Phase.Paused).and(candidate("3.5.0")),
            Duration.ofSeconds(5),
            sign("3.5.0", BEFORE_PROMOTION)));
  }

  private void story(String release, Act... steps) {
    acts.put(release, new ArrayDeque<>(List.of(steps)));
  }

  DemoStory start() {
    informer =
        client
            .resources(ModelRelease.class)
            .inNamespace(namespace)
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
    ModelRelease release =
        client.resources(ModelRelease.class).inNamespace(namespace).withName(name).get();
    if (release == null) {
      return;
    }
    act.action().accept(release);
    recorder.record(
        release,
        List.of(new ReleaseEvent(ReleaseEvent.Type.Normal, "Demo", act.description() + ".")));
  }

  private static Predicate<ModelRelease> phase(Phase phase) {
    return r -> r.getStatus() != null && r.getStatus().getPhase() == phase;
  }

  private static Predicate<ModelRelease> candidate(String version) {
    return r ->
        r.getStatus().getCanary() != null && version.equals(r.getStatus().getCanary().version());
  }

  /** Each listed role that the release names an owner for signs, as that owner. */
  private Consumer<ModelRelease> sign(String version, List<String> roles) {
    return release ->
        client
            .resource(release)
            .edit(
                r -> {
                  r.getSpec().owners().stream()
                      .filter(owner -> roles.contains(owner.role()))
                      .forEach(
                          owner ->
                              r.getMetadata()
                                  .getAnnotations()
                                  .put(
                                      Signoff.ANNOTATION_PREFIX + owner.role(),
                                      "version=" + version + "; by=" + owner.name()));
                  return r;
                });
  }

  /** What a git sync does: a new model version in the spec, nothing else changed. */
  private Consumer<ModelRelease> newVersion(String version) {
    return release ->
        client
            .resource(release)
            .edit(
                r -> {
                  ModelReleaseSpec s = r.getSpec();
                  ModelSpec m = s.model();
                  String image = m.image().substring(0, m.image().lastIndexOf(':') + 1) + version;
                  String uri =
                      m.uri() == null
                          ? null
                          : m.uri().substring(0, m.uri().lastIndexOf('/') + 1) + version;
                  r.setSpec(
                      new ModelReleaseSpec(
                          s.systemType(),
                          s.riskTier(),
                          s.handlesPersonalData(),
                          new ModelSpec(m.name(), version, image, uri),
                          s.template(),
                          s.replicas(),
                          s.owners(),
                          s.canary()));
                  return r;
                });
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    if (informer != null) {
      informer.close();
    }
  }
}
