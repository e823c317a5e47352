package dev.releasegate.chart;

import static dev.releasegate.chart.Chart.all;
import static dev.releasegate.chart.Chart.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import dev.releasegate.api.v1alpha1.OwnerRole;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The chart lints, renders what a platform team expects, and refuses values it does not know. */
class ChartTest {
  private static final String CRD = "modelreleases.releasegate.dev-v1.yml";

  private static Container container(List<HasMetadata> objects) {
    return pod(objects).getContainers().get(0);
  }

  private static PodSpec pod(List<HasMetadata> objects) {
    return only(objects, Deployment.class, Chart.RELEASE).getSpec().getTemplate().getSpec();
  }

  @Test
  void theChartLintsStrictly() {
    var result = new Helm(Chart.DIRECTORY).lint().strict().call();
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void theChartsCrdIsTheOneInCrds() throws Exception {
    assertThat(Files.mismatch(Path.of("crds", CRD), Chart.DIRECTORY.resolve("crds").resolve(CRD)))
        .isEqualTo(-1L);
  }

  @Test
  void theOperatorRunsRestrictedAsPodSecurityStandardsDefineIt() {
    List<HasMetadata> objects = Chart.render("");
    PodSpec pod = pod(objects);
    Container container = container(objects);

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    var security = container.getSecurityContext();
    assertThat(security.getAllowPrivilegeEscalation()).isFalse();
    assertThat(security.getReadOnlyRootFilesystem()).isTrue();
    assertThat(security.getRunAsNonRoot()).isTrue();
    assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(security.getPrivileged()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(container.getResources().getLimits()).containsKey("memory");
  }

  @Test
  void byDefaultTwoReplicasRunWithLeaderElectionProbesAndABudget() {
    List<HasMetadata> objects = Chart.render("");
    Container container = container(objects);

    assertThat(only(objects, Deployment.class, Chart.RELEASE).getSpec().getReplicas()).isEqualTo(2);
    assertThat(container.getArgs())
        .contains(
            "--cluster",
            "--http-port=8080",
            "--leader-election",
            "--lease-name=releasegate",
            "--lease-namespace=releasegate-system",
            "--log-format=json");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getPorts())
        .anySatisfy(p -> assertThat(p.getContainerPort()).isEqualTo(8080));
    assertThat(
            only(objects, PodDisruptionBudget.class, Chart.RELEASE)
                .getSpec()
                .getMinAvailable()
                .getIntVal())
        .isEqualTo(1);
    assertThat(objects).noneMatch(o -> o instanceof ConfigMap);
    assertThat(objects)
        .noneMatch(
            o -> o.getKind().equals("ServiceMonitor") || o.getKind().equals("PrometheusRule"));
  }

  @Test
  void readingSecretsForAnalysisHeadersIsGrantedOnlyWhenAsked() {
    java.util.function.Function<String, Boolean> grantsSecrets =
        values ->
            all(Chart.render(values), ClusterRole.class).stream()
                .filter(r -> r.getMetadata().getName().equals(Chart.RELEASE))
                .flatMap(r -> r.getRules().stream())
                .anyMatch(
                    rule ->
                        rule.getResources().contains("secrets")
                            && rule.getVerbs().equals(List.of("get")));
    assertThat(grantsSecrets.apply("")).isFalse();
    assertThat(grantsSecrets.apply("analysis: {readHeaderSecrets: true}")).isTrue();
  }

  /**
   * With watchNamespaces the operator's rules move from one ClusterRole into a Role per namespace,
   * unchanged (ChartRbacIT proves the ClusterRole's rules on a real API server), and nothing is
   * granted cluster-wide.
   */
  @Test
  void withWatchNamespacesEachNamespaceGetsTheOperatorsRulesAndNothingIsClusterWide() {
    ClusterRole clusterWide = only(Chart.render(""), ClusterRole.class, Chart.RELEASE);
    List<HasMetadata> chart = Chart.render("watchNamespaces: [ml, ml-staging]");
    assertThat(all(chart, Role.class))
        .filteredOn(r -> r.getMetadata().getName().equals(Chart.RELEASE))
        .extracting(r -> r.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("ml", "ml-staging");
    assertThat(all(chart, Role.class))
        .filteredOn(r -> r.getMetadata().getName().equals(Chart.RELEASE))
        .allSatisfy(r -> assertThat(r.getRules()).isEqualTo(clusterWide.getRules()));
    assertThat(all(chart, ClusterRoleBinding.class)).as("no cluster-wide grant").isEmpty();
    assertThat(all(chart, ClusterRole.class))
        .noneMatch(r -> r.getMetadata().getName().equals(Chart.RELEASE));
  }

  @Test
  void noRuleAnywhereGrantsEverything() {
    Stream.of("", "watchNamespaces: [ml]")
        .map(Chart::render)
        .flatMap(
            objects ->
                Stream.concat(
                    all(objects, ClusterRole.class).stream().flatMap(r -> r.getRules().stream()),
                    all(objects, Role.class).stream().flatMap(r -> r.getRules().stream())))
        .forEach(
            rule ->
                assertThat(
                        Stream.of(rule.getApiGroups(), rule.getResources(), rule.getVerbs())
                            .flatMap(List::stream))
                    .as("rule %s", rule)
                    .doesNotContain("*"));
  }

  @Test
  void everyReviewerRoleAndOnCallHasAClusterRoleToBind() {
    List<HasMetadata> objects = Chart.render("");
    for (OwnerRole role : OwnerRole.values()) {
      ClusterRole signer = only(objects, ClusterRole.class, "releasegate-signoff-" + role.value());
      assertThat(signer.getRules())
          .anySatisfy(
              r -> {
                assertThat(r.getResources()).containsExactly("signoffs");
                assertThat(r.getResourceNames()).containsExactly(role.value());
                assertThat(r.getVerbs()).containsExactly("approve");
              });
      assertThat(signer.getRules())
          .noneSatisfy(r -> assertThat(r.getResources()).contains("killswitches"));
    }
    ClusterRole onCall = only(objects, ClusterRole.class, "releasegate-on-call");
    assertThat(onCall.getRules())
        .anySatisfy(
            r ->
                assertThat(r.getResources().get(0) + ":" + r.getVerbs())
                    .isEqualTo("killswitches:[use]"));
    assertThat(onCall.getRules())
        .noneSatisfy(r -> assertThat(r.getResources()).contains("signoffs"));
    assertThat(all(objects, ClusterRoleBinding.class))
        .as("the chart binds only its operator; people are bound by the platform team")
        .allSatisfy(b -> assertThat(b.getRoleRef().getName()).isEqualTo(Chart.RELEASE));
  }

  @Test
  void nonDefaultValuesReachTheOperatorAndTheMonitoring() {
    List<HasMetadata> objects =
        Chart.render(
            """
            watchNamespaces: [ml, ml-staging]
            selector: releasegate.dev/shard=a
            leaderElection: {leaseName: releasegate-shard-a}
            logFormat: text
            replicas: 3
            metrics:
              serviceMonitor: {enabled: true, labels: {release: prometheus}}
              prometheusRule: {enabled: true, stuckAfterHours: {Paused: 2}}
            policy:
              signers:
                standard: [support]
            """);
    Container container = container(objects);

    assertThat(container.getArgs())
        .contains(
            "--namespace=ml,ml-staging",
            "--selector=releasegate.dev/shard=a",
            "--lease-name=releasegate-shard-a",
            "--log-format=text",
            "--policy-file=/etc/releasegate/policy.yaml");
    assertThat(only(objects, Deployment.class, Chart.RELEASE).getSpec().getReplicas()).isEqualTo(3);
    assertThat(only(objects, ConfigMap.class, "releasegate-policy").getData().get("policy.yaml"))
        .contains("support");
    assertThat(objects)
        .filteredOn(o -> o.getKind().equals("ServiceMonitor"))
        .singleElement()
        .satisfies(
            m -> assertThat(m.getMetadata().getLabels()).containsEntry("release", "prometheus"));
    String rules =
        Serialization.asYaml(
            objects.stream()
                .filter(o -> o.getKind().equals("PrometheusRule"))
                .findFirst()
                .orElseThrow());
    assertThat(rules)
        .contains(
            "ReleasegateRollback",
            "ReleasegateStuckInAwaitingGates",
            "ReleasegateStuckInPaused",
            "ReleasegateStuckInProgressing",
            "ReleasegateOperatorDown",
            "ReleasegateNoLeader",
            "> 7200");
  }

  @Test
  void aTypoInValuesFailsTheRender() {
    assertThatThrownBy(() -> Chart.render("replica: 3")).hasMessageContaining("replica");
    assertThatThrownBy(() -> Chart.render("logFormat: xml")).hasMessageContaining("logFormat");
    assertThatThrownBy(() -> Chart.render("metrics: {serviceMonitor: {enable: true}}"))
        .hasMessageContaining("enable");
  }

  @Test
  void severalReplicasWithoutLeaderElectionAreRefused() {
    assertThatThrownBy(() -> Chart.render("leaderElection: {enabled: false}"))
        .hasMessageContaining("replicas");
    assertThat(container(Chart.render("leaderElection: {enabled: false}\nreplicas: 1")).getArgs())
        .contains("--no-leader-election");
  }
}
