package dev.releasegate.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.CanaryStatus;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.embedded.EmbeddedKubernetesApi;
import dev.releasegate.embedded.SimulatedKubelet;
import dev.releasegate.gate.Signoff;
import dev.releasegate.lifecycle.Releases;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The real operator against the embedded API with a simulated kubelet: what a cluster would run,
 * minus the pods. Tests drive releases through the API as users do.
 */
final class OperatorHarness implements AutoCloseable {
  static final String NAMESPACE = "ml";
  static final Duration WAIT = Duration.ofSeconds(20);

  final EmbeddedKubernetesApi api = EmbeddedKubernetesApi.start();
  final KubernetesClient client = api.newClient();

  /** The operator's own client, introducing itself as a cluster's operator does. */
  private final KubernetesClient operatorClient =
      new KubernetesClientBuilder()
          .withConfig(
              new ConfigBuilder(api.clientConfig())
                  .withUserAgent(ReleasegateOperator.USER_AGENT)
                  .build())
          .build();

  private final SimulatedKubelet kubelet;
  private final OperatorSettings settings;
  private ReleasegateOperator operator;

  OperatorHarness() {
    this(OperatorSettings.defaults());
  }

  /**
   * The operator started with these settings, and restarted with them by {@link #startOperator}.
   */
  OperatorHarness(OperatorSettings settings) {
    this.settings = settings;
    api.installCrd("crds/modelreleases.releasegate.dev-v1.yml");
    kubelet =
        new SimulatedKubelet(
                client, ObjectNames.MANAGED_BY + "=" + ObjectNames.MANAGER, Duration.ZERO)
            .start();
    putEvidence(0.91);
    startOperator();
  }

  /** The fixture's evidence ConfigMap, labelled for the operator, with this eval accuracy. */
  void putEvidence(double accuracy) {
    putEvidence(Releases.EVIDENCE, Releases.evidenceData(accuracy));
  }

  /** An evidence ConfigMap, labelled for the operator, created or replaced with this data. */
  void putEvidence(String name, Map<String, String> data) {
    client
        .configMaps()
        .inNamespace(NAMESPACE)
        .resource(Releases.evidenceConfigMap(NAMESPACE, name, data))
        .serverSideApply();
  }

  void startOperator() {
    operator = ReleasegateOperator.start(operatorClient, Clock.systemUTC(), settings);
  }

  ReleasegateOperator operator() {
    return operator;
  }

  void stopOperator() {
    operator.close();
  }

  Resource<ModelRelease> release(String name) {
    return client.resources(ModelRelease.class).inNamespace(NAMESPACE).withName(name);
  }

  ModelRelease create(String name, ModelReleaseSpec spec) {
    ModelRelease release = new ModelRelease();
    release.getMetadata().setName(name);
    release.getMetadata().setNamespace(NAMESPACE);
    release.setSpec(spec);
    return client.resource(release).create();
  }

  /**
   * A JSON merge patch without a resourceVersion, as {@code kubectl annotate} and {@code patch}
   * send.
   */
  void mergePatch(String name, Object patch) {
    release(name).patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch));
  }

  void annotate(String name, Map<String, String> annotations) {
    mergePatch(name, Map.of("metadata", Map.of("annotations", annotations)));
  }

  void setSpec(String name, ModelReleaseSpec spec) {
    mergePatch(name, Map.of("spec", spec));
  }

  /** Every role's sign-off for a version, as the fixture's owners write them. */
  static Map<String, String> signoffs(String version) {
    return Releases.ALL_ROLES.stream()
        .collect(
            Collectors.toMap(
                r -> Signoff.ANNOTATION_PREFIX + r, r -> Releases.signoff(version, r + "-owner")));
  }

  /** Creates a release, signs its first version for every role and waits until it is promoted. */
  void promoted(String name, ModelReleaseSpec spec) {
    create(name, spec);
    annotate(name, signoffs(spec.model().version()));
    awaitPhase(name, Phase.Promoted);
  }

  /** Applies a new version, as a git sync would, and signs it for every role. */
  void signedCandidate(String name, ModelReleaseSpec spec) {
    setSpec(name, spec);
    annotate(name, signoffs(spec.model().version()));
  }

  /** Waits until the canary's step is in force (its pause counting), and returns the canary. */
  CanaryStatus awaitStepInForce(String name, int step) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              var status = release(name).get().getStatus();
              CanaryStatus canary = status.getCanary();
              assertThat(canary != null && canary.step() == step && canary.stepStartedAt() != null)
                  .as("step %d in force; %s: %s", step, status.getReason(), status.getMessage())
                  .isTrue();
            });
    return release(name).get().getStatus().getCanary();
  }

  /** Waits until the release reaches a phase, and returns it as it is then. */
  ModelRelease awaitPhase(String name, Phase phase) {
    return awaitPhase(name, phase, WAIT);
  }

  ModelRelease awaitPhase(String name, Phase phase, Duration atMost) {
    await()
        .atMost(atMost)
        .until(
            () -> {
              ModelRelease r = release(name).get();
              return r.getStatus() != null && r.getStatus().getPhase() == phase;
            });
    return release(name).get();
  }

  List<Deployment> deployments(String release, String track) {
    return client
        .apps()
        .deployments()
        .inNamespace(NAMESPACE)
        .withLabel(ObjectNames.RELEASE, release)
        .withLabel(ObjectNames.TRACK, track)
        .list()
        .getItems();
  }

  /** Replicas per version on a track, e.g. {1.0.0=3}. */
  Map<String, Integer> replicas(String release, String track) {
    return deployments(release, track).stream()
        .collect(
            java.util.stream.Collectors.toMap(
                d -> d.getMetadata().getLabels().get(ObjectNames.VERSION),
                d -> d.getSpec().getReplicas()));
  }

  @Override
  public void close() {
    operator.close();
    kubelet.close();
    operatorClient.close();
    client.close();
    api.close();
  }
}
