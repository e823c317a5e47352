package dev.releasegate.traffic.gateway;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.GatewayApiRouting;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.Reason;
import dev.releasegate.lifecycle.TrafficBlock;
import dev.releasegate.lifecycle.TrafficState;
import dev.releasegate.traffic.OwnedObjects;
import dev.releasegate.traffic.ServingObjects;
import dev.releasegate.traffic.TargetInformer;
import dev.releasegate.traffic.VersionDeployments;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Objects;
import java.util.Optional;

/**
 * What the Gateway API router reads of one release: the route rule that splits its traffic, the two
 * track Services and which version each selects, and the version Deployments; and what that amounts
 * to as traffic in force.
 */
final class RouteSplit {
  final ModelRelease release;
  final VersionDeployments deployments;
  final String stableService;
  final String canaryService;
  private final Context<ModelRelease> context;
  private RouteRule rule;

  /** A split read, or why the router cannot act. */
  record Lookup(RouteSplit split, TrafficBlock block) {}

  private RouteSplit(
      ModelRelease release,
      Context<ModelRelease> context,
      RouteRule rule,
      String stable,
      String canary) {
    this.release = release;
    this.context = context;
    this.rule = rule;
    this.stableService = stable;
    this.canaryService = canary;
    this.deployments = VersionDeployments.of(release, context);
  }

  static Lookup read(
      ModelRelease release, Context<ModelRelease> context, TargetInformer<HTTPRoute> routes) {
    GatewayApiRouting routing = release.getSpec().canary().trafficRouting().gatewayAPI();
    String namespace = release.getMetadata().getNamespace();
    String name = release.getMetadata().getName();
    String stable = ObjectNames.trackService(name, ObjectNames.STABLE);
    String canary = ObjectNames.trackService(name, ObjectNames.CANARY);
    int port = ServingObjects.routePort(release, routing.port());
    if (!routes.served(context)) {
      return blocked(
          Reason.GatewayAPINotInstalled,
          "This cluster does not serve HTTPRoute (gateway.networking.k8s.io/v1): install the"
              + " Gateway API CRDs and a Gateway controller, or choose another router in"
              + " spec.canary.trafficRouting.");
    }
    Optional<HTTPRoute> route = routes.get(namespace, routing.httpRoute());
    if (route.isEmpty()) {
      return blocked(
          Reason.HTTPRouteNotFound,
          "HTTPRoute "
              + routing.httpRoute()
              + " does not exist in namespace "
              + namespace
              + ". releasegate never creates routes: create it with a rule whose backendRefs are"
              + " the Services "
              + stable
              + " and "
              + canary
              + " (port "
              + port
              + "), or fix spec.canary.trafficRouting.gatewayAPI.httpRoute.");
    }
    RouteRule.Lookup found =
        RouteRule.find(
            route.get(),
            routing.rule(),
            new RouteRule.Backends(namespace, stable, canary, port),
            service -> releaseOf(context, namespace, service, name));
    if (found.block() != null) {
      return new Lookup(null, found.block());
    }
    return new Lookup(new RouteSplit(release, context, found.rule(), stable, canary), null);
  }

  RouteRule rule() {
    return rule;
  }

  /** After the router's own write to the route. */
  void routeWritten(HTTPRoute written) {
    rule = new RouteRule(written, rule.index(), rule.stableRef(), rule.canaryRef());
  }

  Optional<Service> service(String name) {
    return OwnedObjects.service(context, name);
  }

  /** The version a track Service selects, or null when it does not exist yet. */
  String selected(String service) {
    return service(service)
        .map(
            s ->
                s.getSpec().getSelector() == null
                    ? null
                    : s.getSpec().getSelector().get(ObjectNames.VERSION))
        .orElse(null);
  }

  /** What is in force: versions by track label, the route's split, readiness, acceptance. */
  TrafficState state() {
    Optional<Deployment> stable = deployments.onTrack(ObjectNames.STABLE);
    Optional<Deployment> candidate = deployments.onTrack(ObjectNames.CANARY);
    Optional<Deployment> previous = deployments.onTrack(ObjectNames.PREVIOUS);
    String stableVersion = stable.map(VersionDeployments::version).orElse(null);
    String candidateVersion = candidate.map(VersionDeployments::version).orElse(null);
    int asked = candidate.map(VersionDeployments::requestedWeight).orElse(-1);
    String onCanary = selected(canaryService);
    int effective =
        candidateVersion != null && candidateVersion.equals(onCanary) ? rule.canaryShare() : 0;
    int expected = candidateVersion == null ? 0 : Math.max(asked, 0);
    RouteAcceptance acceptance = RouteAcceptance.of(rule.route());
    boolean settled =
        stable.map(VersionDeployments::ready).orElse(true)
            && candidate.map(VersionDeployments::ready).orElse(true)
            && (stableVersion == null || stableVersion.equals(selected(stableService)))
            && rule.weighs(expected)
            && (expected == 0 || candidateVersion.equals(onCanary))
            && acceptance.accepted();
    return new TrafficState(
        stableVersion,
        candidateVersion,
        asked,
        effective,
        settled,
        describe() + (acceptance.accepted() ? "" : "; " + acceptance.why()),
        previous.map(VersionDeployments::version).orElse(null),
        previous.map(VersionDeployments::readyPods).orElse(0));
  }

  /** "rule 0 of HTTPRoute x: x-stable (1.0.0) 75, x-canary (1.1.0) 25" */
  String describe() {
    return rule.describe()
        + ": "
        + stableService
        + " ("
        + Objects.requireNonNullElse(selected(stableService), "none")
        + ") "
        + rule.stableWeight()
        + ", "
        + canaryService
        + " ("
        + Objects.requireNonNullElse(selected(canaryService), "none")
        + ") "
        + rule.canaryWeight();
  }

  /** The ModelRelease that manages a Service of this name, if another release does. */
  private static Optional<String> releaseOf(
      Context<ModelRelease> context, String namespace, String service, String self) {
    var services =
        (InformerEventSource<Service, ModelRelease>)
            context.eventSourceRetriever().getEventSourceFor(Service.class);
    return services
        .get(new ResourceID(service, namespace))
        .map(s -> s.getMetadata().getLabels().get(ObjectNames.RELEASE))
        .filter(owner -> !owner.equals(ObjectNames.releaseLabel(self)));
  }

  private static Lookup blocked(Reason reason, String message) {
    return new Lookup(null, new TrafficBlock(reason, message));
  }
}
