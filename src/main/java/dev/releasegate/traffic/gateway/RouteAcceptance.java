package dev.releasegate.traffic.gateway;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import java.util.List;
import java.util.Optional;

/**
 * Whether the Gateways a route is attached to have accepted its current spec and resolved its
 * backends: until they have, weights written to the route are not yet traffic.
 *
 * @param accepted every parent reports Accepted and ResolvedRefs for the route's generation
 * @param why what is still missing, for people; empty when accepted
 */
record RouteAcceptance(boolean accepted, String why) {

  static RouteAcceptance of(HTTPRoute route) {
    long generation = Optional.ofNullable(route.getMetadata().getGeneration()).orElse(0L);
    List<RouteParentStatus> parents =
        route.getStatus() == null || route.getStatus().getParents() == null
            ? List.of()
            : route.getStatus().getParents();
    if (parents.isEmpty()) {
      return new RouteAcceptance(false, "no Gateway has accepted the route yet");
    }
    for (RouteParentStatus parent : parents) {
      String gateway =
          parent.getParentRef() == null ? "its Gateway" : parent.getParentRef().getName();
      for (String type : List.of("Accepted", "ResolvedRefs")) {
        Optional<Condition> condition = condition(parent, type);
        boolean current =
            condition
                .map(
                    c ->
                        c.getObservedGeneration() == null
                            || c.getObservedGeneration() >= generation)
                .orElse(false);
        if (condition.isEmpty() || !current || !"True".equals(condition.get().getStatus())) {
          return new RouteAcceptance(
              false,
              gateway
                  + " has not reported "
                  + type
                  + " for generation "
                  + generation
                  + condition
                      .filter(c -> current)
                      .map(c -> " (" + c.getReason() + ": " + c.getMessage() + ")")
                      .orElse(""));
        }
      }
    }
    return new RouteAcceptance(true, "");
  }

  private static Optional<Condition> condition(RouteParentStatus parent, String type) {
    return parent.getConditions() == null
        ? Optional.empty()
        : parent.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
