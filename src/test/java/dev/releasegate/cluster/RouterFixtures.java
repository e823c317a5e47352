package dev.releasegate.cluster;

import dev.releasegate.api.v1alpha1.CanarySpec;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.GatewayApiRouting;
import dev.releasegate.api.v1alpha1.KServeRouting;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.TrafficRouting;
import dev.releasegate.lifecycle.Releases;
import dev.releasegate.operator.SimulatedGateway;
import dev.releasegate.operator.SimulatedKServe;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.util.List;
import java.util.Map;

/**
 * Gateway API and KServe on the real control plane: those projects' own CRDs, taken by the build
 * from their Go modules (so their schemas and CEL rules judge every write), and simulated
 * controllers that write HTTPRoute and InferenceService status as the real ones do. Installed once
 * per JVM; the routes and InferenceServices live in the namespace {@link #NAMESPACE}, as the
 * simulated controllers' fixtures do.
 */
final class RouterFixtures {
  static final String NAMESPACE = "ml";
  private static RouterFixtures shared;

  final Installation installation;
  final Team team;

  private RouterFixtures(Installation installation) {
    this.installation = installation;
    installation.installCrd(ControlPlane.crd("gateway.networking.k8s.io_httproutes.yaml"));
    installation.installCrd(ControlPlane.crd("serving.kserve.io_inferenceservices.yaml"));
    team = new Team(installation, NAMESPACE);
    SimulatedGateway gateway = new SimulatedGateway(installation.client).start();
    SimulatedKServe kserve = new SimulatedKServe(installation.client).start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  gateway.close();
                  kserve.close();
                },
                "simulated-controllers-stop"));
  }

  static synchronized RouterFixtures shared() {
    if (shared == null) {
      shared = new RouterFixtures(Installation.shared());
    }
    return shared;
  }

  static ModelReleaseSpec spec(String version, TrafficRouting routing, CanaryStep... steps) {
    return Releases.with(
        Releases.spec(version, List.of(steps)), "canary", new CanarySpec(List.of(steps), routing));
  }

  static TrafficRouting httpRoute(String route) {
    return new TrafficRouting(null, new GatewayApiRouting(route, null, null), null);
  }

  static TrafficRouting inferenceService(String name) {
    return new TrafficRouting(null, null, new KServeRouting(name));
  }

  /** A route with one rule to the release's two track Services, as a platform team writes it. */
  void createRoute(String name, String release) {
    installation.client.resource(SimulatedGateway.route(name, release)).create();
  }

  void createInferenceService(String name) {
    installation.client.resource(SimulatedKServe.inferenceService(name, Map.of())).create();
  }

  /** The route's first rule's weights, stable then canary. */
  List<Integer> weights(String route) {
    HTTPRoute current =
        installation.client.resources(HTTPRoute.class).inNamespace(NAMESPACE).withName(route).get();
    return current.getSpec().getRules().get(0).getBackendRefs().stream()
        .map(HTTPBackendRef::getWeight)
        .toList();
  }

  /** The InferenceService's spec.predictor. */
  @SuppressWarnings("unchecked")
  Map<String, Object> predictor(String name) {
    GenericKubernetesResource service =
        installation
            .client
            .genericKubernetesResources(SimulatedKServe.API_VERSION, SimulatedKServe.KIND)
            .inNamespace(NAMESPACE)
            .withName(name)
            .get();
    return (Map<String, Object>)
        ((Map<String, Object>) service.getAdditionalProperties().get("spec")).get("predictor");
  }
}
