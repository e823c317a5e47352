package dev.releasegate.traffic.gateway;

import dev.releasegate.api.v1alpha1.Reason;
import dev.releasegate.lifecycle.TrafficBlock;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The rule of an HTTPRoute that splits one release's traffic, and where its two backendRefs sit.
 * The rule must route to the release's two track Services and to nothing else, or the weights the
 * operator writes would not be exact percentages.
 *
 * @param route the route as the operator last saw it
 * @param index the rule's position in {@code spec.rules}
 * @param stableRef the position of the stable Service's backendRef in the rule
 * @param canaryRef the position of the canary Service's backendRef in the rule
 */
record RouteRule(HTTPRoute route, int index, int stableRef, int canaryRef) {

  /** A rule found, or why none can be used. */
  record Lookup(RouteRule rule, TrafficBlock block) {}

  /** What the rule must route to. */
  record Backends(String namespace, String stableService, String canaryService, int port) {}

  /**
   * Finds the rule {@code selector} names (a rule name, an index from 0, or null for a route's only
   * rule) and checks its backendRefs.
   *
   * @param releaseOfService the ModelRelease that manages a Service of this name, if releasegate
   *     manages it
   */
  static Lookup find(
      HTTPRoute route,
      String selector,
      Backends backends,
      Function<String, Optional<String>> releaseOfService) {
    String routeName = "HTTPRoute " + route.getMetadata().getName();
    List<HTTPRouteRule> rules =
        route.getSpec() == null || route.getSpec().getRules() == null
            ? List.of()
            : route.getSpec().getRules();
    Optional<Integer> index = ruleIndex(rules, selector);
    if (index.isEmpty()) {
      return blocked(Reason.HTTPRouteRuleNotFound, whichRule(routeName, rules, selector));
    }
    String where = "Rule " + describeRule(rules, index.get()) + " of " + routeName;
    List<HTTPBackendRef> refs =
        Optional.ofNullable(rules.get(index.get()).getBackendRefs()).orElse(List.of());
    int stable = -1;
    int canary = -1;
    List<String> others = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      HTTPBackendRef ref = refs.get(i);
      if (stable < 0 && names(ref, backends.stableService(), backends.namespace())) {
        stable = i;
      } else if (canary < 0 && names(ref, backends.canaryService(), backends.namespace())) {
        canary = i;
      } else {
        others.add(ref.getName());
      }
    }
    Optional<String> owner =
        others.stream().map(releaseOfService).flatMap(Optional::stream).findFirst();
    if (owner.isPresent()) {
      return blocked(
          Reason.HTTPRouteRuleOwnedByAnotherRelease,
          where
              + " routes to Services of ModelRelease "
              + owner.get()
              + " ("
              + String.join(", ", others)
              + "), which splits its traffic: one release per rule. Point"
              + " spec.canary.trafficRouting.gatewayAPI at a rule of its own.");
    }
    if (!others.isEmpty()) {
      return blocked(
          Reason.HTTPRouteRuleShared,
          where
              + " also routes to "
              + String.join(", ", others)
              + "; releasegate splits a rule only between "
              + backends.stableService()
              + " and "
              + backends.canaryService()
              + ", or its weights would not be exact percentages. Give the other backends a rule"
              + " of their own.");
    }
    if (stable < 0 || canary < 0) {
      return blocked(
          Reason.BackendRefsMissing,
          where
              + " needs two backendRefs, to the Services "
              + backends.stableService()
              + " and "
              + backends.canaryService()
              + " (port "
              + backends.port()
              + "), which releasegate creates and whose weights it sets; add them to the route.");
    }
    for (int ref : List.of(stable, canary)) {
      Integer port = refs.get(ref).getPort();
      if (!Objects.equals(port, backends.port())) {
        return blocked(
            Reason.BackendRefPortMismatch,
            where
                + " names port "
                + port
                + " for "
                + refs.get(ref).getName()
                + ", which exposes port "
                + backends.port()
                + " (spec.canary.trafficRouting.gatewayAPI.port, or the serving container's first"
                + " port).");
      }
    }
    return new Lookup(new RouteRule(route, index.get(), stable, canary), null);
  }

  /** The rule's weight for the stable Service (Gateway API's default weight is 1). */
  int stableWeight() {
    return weight(stableRef);
  }

  int canaryWeight() {
    return weight(canaryRef);
  }

  /** The canary Service's share of the rule's traffic, in percent. */
  int canaryShare() {
    int total = stableWeight() + canaryWeight();
    return total == 0 ? 0 : Math.round(100f * canaryWeight() / total);
  }

  /** Whether the rule's two weights are exactly {@code 100 - share} and {@code share}. */
  boolean weighs(int share) {
    return stableWeight() == 100 - share && canaryWeight() == share;
  }

  /** The rule's name, if it has one (Gateway API v1.2 and later). */
  Optional<String> name() {
    return Optional.ofNullable(rules().get(index).getName());
  }

  String backendName(int ref) {
    return rules().get(index).getBackendRefs().get(ref).getName();
  }

  /** "rule 0 (predict) of HTTPRoute x" */
  String describe() {
    return "rule "
        + describeRule(rules(), index)
        + " of HTTPRoute "
        + route.getMetadata().getName();
  }

  private List<HTTPRouteRule> rules() {
    return route.getSpec().getRules();
  }

  private int weight(int ref) {
    Integer weight = rules().get(index).getBackendRefs().get(ref).getWeight();
    return weight == null ? 1 : weight;
  }

  private static boolean names(HTTPBackendRef ref, String service, String namespace) {
    return service.equals(ref.getName())
        && (ref.getKind() == null || "Service".equals(ref.getKind()))
        && (ref.getGroup() == null || ref.getGroup().isEmpty())
        && (ref.getNamespace() == null || namespace.equals(ref.getNamespace()));
  }

  private static Optional<Integer> ruleIndex(List<HTTPRouteRule> rules, String selector) {
    if (selector == null || selector.isBlank()) {
      return rules.size() == 1 ? Optional.of(0) : Optional.empty();
    }
    Optional<Integer> byName =
        IntStream.range(0, rules.size())
            .filter(i -> selector.equals(rules.get(i).getName()))
            .boxed()
            .findFirst();
    if (byName.isPresent() || !selector.matches("[0-9]{1,4}")) {
      return byName;
    }
    int index = Integer.parseInt(selector);
    return index < rules.size() ? Optional.of(index) : Optional.empty();
  }

  private static String whichRule(String routeName, List<HTTPRouteRule> rules, String selector) {
    String has =
        rules.isEmpty()
            ? routeName + " has no rules"
            : routeName
                + " has "
                + rules.size()
                + (rules.size() == 1 ? " rule" : " rules")
                + " ("
                + IntStream.range(0, rules.size())
                    .mapToObj(i -> describeRule(rules, i))
                    .collect(Collectors.joining(", "))
                + ")";
    if (selector == null || selector.isBlank()) {
      return has
          + "; name the one that splits the traffic in spec.canary.trafficRouting.gatewayAPI.rule"
          + " (a rule name or an index from 0).";
    }
    return has
        + " and none is '"
        + selector
        + "' (spec.canary.trafficRouting.gatewayAPI.rule: a rule name or an index from 0).";
  }

  private static String describeRule(List<HTTPRouteRule> rules, int index) {
    String name = rules.get(index).getName();
    return name == null ? String.valueOf(index) : index + " (" + name + ")";
  }

  private static Lookup blocked(Reason reason, String message) {
    return new Lookup(null, new TrafficBlock(reason, message));
  }
}
