package dev.releasegate.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first cut of the chart lints and renders the operator as the README describes it. */
class ChartTest {
  private static final Path CHART = Path.of("helm/releasegate");

  private static List<HasMetadata> render(Path values) {
    var template =
        new Helm(CHART).template().withName("releasegate").withNamespace("releasegate-system");
    if (values != null) {
      template = template.withValuesFile(values);
    }
    return Serialization.unmarshal(template.call());
  }

  @Test
  void theChartLintsStrictly() {
    var result = new Helm(CHART).lint().strict().call();
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void byDefaultTheOperatorRunsAgainstTheClusterWithTheBuiltInChecklist() {
    Deployment deployment = only(render(null), Deployment.class);
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getArgs()).containsExactly("--cluster");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(render(null)).noneMatch(o -> o instanceof ConfigMap);
  }

  @Test
  void aPolicyInValuesIsMountedAndPassedToTheOperator(@TempDir Path dir) throws Exception {
    Path values =
        Files.writeString(
            dir.resolve("values.yaml"),
            """
        policy:
          signers:
            standard: [support]
        """);
    List<HasMetadata> objects = render(values);

    ConfigMap policy = only(objects, ConfigMap.class);
    assertThat(policy.getData().get("policy.yaml")).contains("standard:").contains("support");
    var container =
        only(objects, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getArgs()).contains("--policy-file=/etc/releasegate/policy.yaml");
    assertThat(container.getVolumeMounts())
        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/releasegate"));
  }

  private static <T> T only(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }
}
