package dev.releasegate.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The routers may read and patch the HTTPRoutes and InferenceServices releases name, and nothing
 * more: they never create or delete them.
 */
class RouterRbacTest {

  private static List<PolicyRule> rules(String group) {
    List<HasMetadata> objects =
        Serialization.unmarshal(
            new Helm(java.nio.file.Path.of("helm/releasegate"))
                .template()
                .withName("releasegate")
                .call());
    return objects.stream()
        .filter(ClusterRole.class::isInstance)
        .map(ClusterRole.class::cast)
        .flatMap(role -> role.getRules().stream())
        .filter(rule -> rule.getApiGroups().contains(group))
        .toList();
  }

  @Test
  void theRoutersPatchButNeverCreateOrDeleteWhatTheyRouteThrough() {
    assertThat(rules("gateway.networking.k8s.io"))
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getResources()).containsExactly("httproutes");
              assertThat(rule.getVerbs()).containsExactly("list", "watch", "patch");
            });
    assertThat(rules("serving.kserve.io"))
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getResources()).containsExactly("inferenceservices");
              assertThat(rule.getVerbs()).containsExactly("list", "watch", "patch");
            });
  }
}
