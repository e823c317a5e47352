package dev.releasegate.traffic.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one write the Gateway API router makes to a route: a JSON patch (RFC 6902) that sets the
 * weights of the rule's two backendRefs and nothing else. It first tests that the rule still has
 * those backends at those positions (and still has its name), so a route reordered by someone else
 * since the operator read it is refused by the API server instead of getting weights on the wrong
 * backends.
 *
 * <p>Why not server-side apply with a field manager of its own: {@code spec.rules} and {@code
 * backendRefs} have no list-map keys in Gateway API's schema, so server-side apply treats each list
 * as one atomic value; applying two weights would claim the whole list and fight the route's owner
 * (kubectl, Argo CD) over every other field of it.
 */
final class RouteWeights {
  private RouteWeights() {}

  /** The patch that gives the canary Service {@code share} percent of the rule's traffic. */
  static String patch(RouteRule rule, int share) {
    String path = "/spec/rules/" + rule.index();
    ArrayNode ops = JsonNodeFactory.instance.arrayNode();
    rule.name().ifPresent(name -> ops.add(op("test", path + "/name").put("value", name)));
    ops.add(
        op("test", backendRef(path, rule.stableRef()) + "/name")
            .put("value", rule.backendName(rule.stableRef())));
    ops.add(
        op("test", backendRef(path, rule.canaryRef()) + "/name")
            .put("value", rule.backendName(rule.canaryRef())));
    ops.add(op("add", backendRef(path, rule.stableRef()) + "/weight").put("value", 100 - share));
    ops.add(op("add", backendRef(path, rule.canaryRef()) + "/weight").put("value", share));
    return ops.toString();
  }

  private static String backendRef(String rulePath, int index) {
    return rulePath + "/backendRefs/" + index;
  }

  private static ObjectNode op(String op, String path) {
    return JsonNodeFactory.instance.objectNode().put("op", op).put("path", path);
  }
}
