package dev.releasegate.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Stands in for a Gateway controller in tests, as the simulated kubelet stands in for Deployments:
 * for every HTTPRoute it reports, per parentRef, Accepted for the route's current generation and
 * ResolvedRefs true once every backendRef's Service exists, the way a conformant implementation
 * writes {@code status.parents}. It moves no packets.
 */
public final class SimulatedGateway implements AutoCloseable {
  static final String CONTROLLER = "example.com/simulated-gateway";

  private final KubernetesClient client;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "simulated-gateway");
            thread.setDaemon(true);
            return thread;
          });
  private SharedIndexInformer<HTTPRoute> routes;
  private SharedIndexInformer<Service> services;

  public SimulatedGateway(KubernetesClient client) {
    this.client = client;
  }

  public SimulatedGateway start() {
    routes =
        client
            .resources(HTTPRoute.class)
            .inAnyNamespace()
            .runnableInformer(0)
            .addEventHandler(onChange(route -> worker.submit(() -> report(route))));
    services =
        client
            .services()
            .inAnyNamespace()
            .runnableInformer(0)
            .addEventHandler(onChange(service -> worker.submit(this::reportAll)));
    routes.run();
    services.run();
    return this;
  }

  /** The route a platform team writes: a Gateway, a host, a match, a timeout, two backends. */
  public static HTTPRoute route(String name, String release) {
    return new HTTPRouteBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(OperatorHarness.NAMESPACE)
        .endMetadata()
        .withNewSpec()
        .addNewParentRef()
        .withName("public-gateway")
        .endParentRef()
        .withHostnames("assistant.example.com")
        .addNewRule()
        .addNewMatch()
        .withNewPath()
        .withType("PathPrefix")
        .withValue("/v1/chat")
        .endPath()
        .endMatch()
        .withNewTimeouts()
        .withRequest("30s")
        .endTimeouts()
        .addNewBackendRef()
        .withName(release + "-stable")
        .withPort(8080)
        .endBackendRef()
        .addNewBackendRef()
        .withName(release + "-canary")
        .withPort(8080)
        .endBackendRef()
        .endRule()
        .endSpec()
        .build();
  }

  @Override
  public void close() {
    routes.close();
    services.close();
    worker.shutdownNow();
  }

  private void reportAll() {
    routes.getStore().list().forEach(this::report);
  }

  private void report(HTTPRoute seen) {
    HTTPRoute route =
        routes
            .getStore()
            .getByKey(seen.getMetadata().getNamespace() + "/" + seen.getMetadata().getName());
    if (route == null) {
      return;
    }
    List<RouteParentStatus> parents = new ArrayList<>();
    long generation = Optional.ofNullable(route.getMetadata().getGeneration()).orElse(1L);
    boolean resolved = unresolved(route).isEmpty();
    for (ParentReference parent :
        Optional.ofNullable(route.getSpec().getParentRefs()).orElse(List.of())) {
      parents.add(
          new RouteParentStatusBuilder()
              .withParentRef(parent)
              .withControllerName(CONTROLLER)
              .withConditions(
                  condition("Accepted", true, "Accepted", "Route accepted", generation),
                  condition(
                      "ResolvedRefs",
                      resolved,
                      resolved ? "ResolvedRefs" : "BackendNotFound",
                      resolved ? "All references resolved" : "No Service " + unresolved(route),
                      generation))
              .build());
    }
    List<RouteParentStatus> current =
        route.getStatus() == null || route.getStatus().getParents() == null
            ? List.of()
            : route.getStatus().getParents();
    // A fixed transition time keeps the comparison to what matters.
    if (Serialization.asJson(current).equals(Serialization.asJson(parents))) {
      return;
    }
    try {
      client
          .resources(HTTPRoute.class)
          .inNamespace(route.getMetadata().getNamespace())
          .withName(route.getMetadata().getName())
          .subresource("status")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              Serialization.asJson(Map.of("status", Map.of("parents", parents))));
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private List<String> unresolved(HTTPRoute route) {
    List<String> missing = new ArrayList<>();
    for (HTTPRouteRule rule : Optional.ofNullable(route.getSpec().getRules()).orElse(List.of())) {
      for (HTTPBackendRef ref : Optional.ofNullable(rule.getBackendRefs()).orElse(List.of())) {
        String key = route.getMetadata().getNamespace() + "/" + ref.getName();
        if (services.getStore().getByKey(key) == null) {
          missing.add(ref.getName());
        }
      }
    }
    return missing;
  }

  private static Condition condition(
      String type, boolean status, String reason, String message, long generation) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime("2026-01-01T00:00:00Z")
        .build();
  }

  private static <T> ResourceEventHandler<T> onChange(Consumer<T> action) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        action.accept(object);
      }

      @Override
      public void onUpdate(T before, T after) {
        action.accept(after);
      }

      @Override
      public void onDelete(T object, boolean finalStateUnknown) {
        action.accept(object);
      }
    };
  }
}
