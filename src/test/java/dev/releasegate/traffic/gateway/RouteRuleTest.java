package dev.releasegate.traffic.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasegate.api.v1alpha1.Reason;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.zjsonpatch.JsonDiff;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which rule of a route a release may split, and the one patch written to it. */
class RouteRuleTest {
  private static final RouteRule.Backends BACKENDS =
      new RouteRule.Backends("ml", "chat-stable", "chat-canary", 8080);

  private static HTTPRouteRule rule(String name, String... backends) {
    HTTPRouteRuleBuilder rule = new HTTPRouteRuleBuilder().withName(name);
    for (String backend : backends) {
      rule.addNewBackendRef().withName(backend).withPort(8080).endBackendRef();
    }
    return rule.build();
  }

  private static HTTPRoute route(HTTPRouteRule... rules) {
    return new HTTPRouteBuilder()
        .withNewMetadata()
        .withName("public")
        .withNamespace("ml")
        .endMetadata()
        .withNewSpec()
        .withRules(rules)
        .endSpec()
        .build();
  }

  private static RouteRule.Lookup find(HTTPRoute route, String selector) {
    Map<String, String> managed = Map.of("summarizer-stable", "summarizer");
    return RouteRule.find(
        route, selector, BACKENDS, service -> Optional.ofNullable(managed.get(service)));
  }

  @Test
  void aRuleIsNamedByNameOrIndexAndARouteWithOneRuleNeedsNeither() {
    HTTPRoute two =
        route(rule("health", "health-check"), rule("chat", "chat-stable", "chat-canary"));
    assertThat(find(two, "chat").rule().index()).isEqualTo(1);
    assertThat(find(two, "1").rule().index()).isEqualTo(1);
    assertThat(find(route(rule(null, "chat-canary", "chat-stable")), null).rule())
        .satisfies(
            r -> {
              assertThat(r.stableRef()).isEqualTo(1);
              assertThat(r.canaryRef()).isEqualTo(0);
            });

    assertThat(find(two, null).block().message())
        .isEqualTo(
            "HTTPRoute public has 2 rules (0 (health), 1 (chat)); name the one that splits the"
                + " traffic in spec.canary.trafficRouting.gatewayAPI.rule (a rule name or an index"
                + " from 0).");
    assertThat(find(two, "7").block().reason()).isEqualTo(Reason.HTTPRouteRuleNotFound);
    assertThat(find(two, "predict").block().message()).contains("none is 'predict'");
  }

  @Test
  void aRuleMustRouteToTheTwoTrackServicesAndNothingElse() {
    assertThat(find(route(rule(null, "chat-stable")), null).block())
        .satisfies(
            b -> {
              assertThat(b.reason()).isEqualTo(Reason.BackendRefsMissing);
              assertThat(b.message()).contains("chat-stable and chat-canary (port 8080)");
            });
    assertThat(find(route(rule(null, "chat-stable", "chat-canary", "legacy")), null).block())
        .satisfies(
            b -> {
              assertThat(b.reason()).isEqualTo(Reason.HTTPRouteRuleShared);
              assertThat(b.message()).contains("also routes to legacy");
            });
    assertThat(
            find(route(rule(null, "summarizer-stable", "chat-stable", "chat-canary")), null)
                .block())
        .satisfies(
            b -> {
              assertThat(b.reason()).isEqualTo(Reason.HTTPRouteRuleOwnedByAnotherRelease);
              assertThat(b.message()).contains("ModelRelease summarizer");
            });
    HTTPRoute wrongPort = route(rule(null, "chat-stable", "chat-canary"));
    wrongPort.getSpec().getRules().get(0).getBackendRefs().get(1).setPort(80);
    assertThat(find(wrongPort, null).block().message())
        .contains("names port 80 for chat-canary, which exposes port 8080");
  }

  @Test
  void theShareFollowsGatewayApiWeightsWithTheirDefaultOfOne() {
    RouteRule rule = find(route(rule(null, "chat-stable", "chat-canary")), null).rule();
    assertThat(rule.canaryShare()).isEqualTo(50);
    assertThat(rule.weighs(50)).as("1 and 1 is half, but not the weights 50 and 50").isFalse();
    rule.route().getSpec().getRules().get(0).getBackendRefs().get(0).setWeight(3);
    rule.route().getSpec().getRules().get(0).getBackendRefs().get(1).setWeight(1);
    assertThat(rule.canaryShare()).isEqualTo(25);
  }

  @Test
  void thePatchChangesOnlyTheTwoWeightsAndFailsIfTheRuleMoved() throws Exception {
    HTTPRoute route =
        route(rule("health", "health-check"), rule("chat", "chat-stable", "chat-canary"));
    route.getSpec().getRules().get(1).setAdditionalProperty("timeouts", Map.of("request", "30s"));
    RouteRule rule = find(route, "chat").rule();
    JsonNode before = Serialization.jsonMapper().valueToTree(route);
    JsonNode patch = Serialization.jsonMapper().readTree(RouteWeights.patch(rule, 10));

    JsonNode after = JsonPatch.apply(patch, before);

    assertThat(JsonDiff.asJson(before, after).toString())
        .isEqualTo(
            "[{\"op\":\"add\",\"path\":\"/spec/rules/1/backendRefs/0/weight\",\"value\":90},"
                + "{\"op\":\"add\",\"path\":\"/spec/rules/1/backendRefs/1/weight\",\"value\":10}]");
    // Someone reordered the rules since the operator read the route: the patch does not apply.
    HTTPRoute reordered =
        route(rule("chat", "chat-stable", "chat-canary"), rule("health", "health-check"));
    JsonNode moved = Serialization.jsonMapper().valueToTree(reordered);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JsonPatch.apply(patch, moved))
        .hasMessageContaining("Expected value \"chat\" but found value \"health\"");
  }
}
