package dev.releasegate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.gate.Signoff;
import dev.releasegate.lifecycle.Releases;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A team's namespace on the real control plane and the people who act in it, each with their own
 * credentials: an MLOps engineer (the cluster admin here) applies releases, each reviewer signs for
 * their own role, on-call pulls the kill switch.
 */
final class Team {
  static final Duration WAIT = Duration.ofSeconds(90);

  final Installation installation;
  final String namespace;

  Team(Installation installation, String namespace) {
    this.installation = installation;
    this.namespace = namespace;
    installation.team(namespace);
  }

  KubernetesClient admin() {
    return installation.client;
  }

  Resource<ModelRelease> release(String name) {
    return admin().resources(ModelRelease.class).inNamespace(namespace).withName(name);
  }

  ModelRelease create(String name, ModelReleaseSpec spec) {
    ModelRelease release = new ModelRelease();
    release.getMetadata().setName(name);
    release.getMetadata().setNamespace(namespace);
    release.setSpec(spec);
    return admin().resource(release).create();
  }

  /** Creates a release, has every reviewer sign its first version and waits until it serves. */
  ModelRelease promoted(String name, ModelReleaseSpec spec) {
    create(name, spec);
    signAll(name, spec.model().version());
    return awaitPhase(name, Phase.Promoted);
  }

  /** A new version applied, as a git sync would, and signed by every reviewer. */
  void signedCandidate(String name, ModelReleaseSpec spec) {
    setSpec(name, spec);
    signAll(name, spec.model().version());
  }

  /** A new spec, as a git sync would apply it (a merge patch of the whole spec). */
  void setSpec(String name, ModelReleaseSpec spec) {
    release(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("spec", spec)));
  }

  /** An annotation written as this person, as {@code kubectl annotate} sends it. */
  void annotateAs(String user, String name, Map<String, String> annotations) {
    try (KubernetesClient client = installation.plane.client(user)) {
      client
          .resources(ModelRelease.class)
          .inNamespace(namespace)
          .withName(name)
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              Serialization.asJson(Map.of("metadata", Map.of("annotations", annotations))));
    }
  }

  /** Every reviewer signs this version, each as themselves. */
  void signAll(String name, String version) {
    for (String role : Releases.ALL_ROLES) {
      String by = role + "-owner";
      annotateAs(by, name, Map.of(Signoff.ANNOTATION_PREFIX + role, Releases.signoff(version, by)));
    }
  }

  /** Waits for a phase; a timeout says where the release is instead, and why. */
  ModelRelease awaitPhase(String name, Phase phase) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ModelRelease r = release(name).get();
              assertThat(r.getStatus()).as("%s has no status yet", name).isNotNull();
              assertThat(r.getStatus().getPhase())
                  .as("%s: %s", r.getStatus().getReason(), r.getStatus().getMessage())
                  .isEqualTo(phase);
            });
    return release(name).get();
  }

  List<Deployment> deployments(String release) {
    return admin()
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withLabel(ObjectNames.RELEASE, release)
        .list()
        .getItems();
  }

  /** Ready pods per model version, as the kubelet (KWOK here) reports them. */
  Map<String, Integer> readyPods(String release) {
    Map<String, Integer> ready = new TreeMap<>();
    for (Pod pod :
        admin()
            .pods()
            .inNamespace(namespace)
            .withLabel(ObjectNames.RELEASE, release)
            .list()
            .getItems()) {
      boolean isReady =
          pod.getMetadata().getDeletionTimestamp() == null
              && pod.getStatus() != null
              && pod.getStatus().getConditions() != null
              && pod.getStatus().getConditions().stream()
                  .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
      if (isReady) {
        ready.merge(pod.getMetadata().getLabels().get(ObjectNames.VERSION), 1, Integer::sum);
      }
    }
    return ready;
  }

  /** Waits until exactly these versions have exactly these ready pods. */
  void awaitReadyPods(String release, Map<String, Integer> expected) {
    await().atMost(WAIT).until(() -> readyPods(release).equals(new TreeMap<>(expected)));
  }
}
