package dev.releasegate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.TrafficRouting;
import dev.releasegate.chart.Chart;
import dev.releasegate.lifecycle.ReleaseAnnotations;
import dev.releasegate.lifecycle.Releases;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC grants exactly what the operator asks a real API server for, no verb more and
 * none less. The operator, authenticated as the chart's ServiceAccount, goes through every kind of
 * write it makes (a first rollout, canary steps, a promotion that deletes an old version, a packet
 * record, Events, a kill switch, an HTTPRoute and an InferenceService), and the API server's audit
 * log says what it asked for, with the verbs the authorizer checked: a server-side apply that
 * creates an object is a {@code create}, not a {@code patch}.
 */
class ChartRbacIT {
  /**
   * Granted to every authenticated user by Kubernetes' own ClusterRoles (system:basic-user): JOSDK
   * asks for its own rules before it competes for the lease.
   */
  private static final Predicate<AuditLog.Request> GRANTED_TO_EVERYONE =
      r -> r.resource().equals("selfsubjectrulesreviews");

  /**
   * Checked by admission, not requested: the objects the operator owns name their release with
   * blockOwnerDeletion, which OwnerReferencesPermissionEnforcement (on in this control plane)
   * allows only to those who may update the release's finalizers.
   */
  private static final String BLOCK_OWNER_DELETION =
      "update releasegate.dev/modelreleases/finalizers";

  /** JOSDK checks for update on the Lease before it competes (the lock itself patches it). */
  private static final String JOSDK_LEASE_CHECK = "update coordination.k8s.io/leases";

  private final RouterFixtures routers = RouterFixtures.shared();
  private final Installation installation = routers.installation;

  @Test
  void theChartGrantsExactlyWhatTheOperatorAsksTheApiServerFor() {
    everyKindOfWrite();

    assertThat(installation.operatorRefusals()).as("refused requests").isEmpty();
    List<AuditLog.Request> requests =
        installation.audit().requestsOf(Installation.OPERATOR).stream()
            .filter(r -> !r.refused())
            .toList();
    Predicate<AuditLog.Request> onLease =
        r -> r.resource().equals("leases") && r.namespace().equals(Chart.NAMESPACE);
    Set<String> releases =
        permissions(requests.stream().filter(GRANTED_TO_EVERYONE.negate().and(onLease.negate())));
    releases.add(BLOCK_OWNER_DELETION);
    Set<String> lease = permissions(requests.stream().filter(onLease));
    lease.add(JOSDK_LEASE_CHECK);

    List<HasMetadata> chart = Chart.render("");
    assertThat(granted(Chart.only(chart, ClusterRole.class, Chart.RELEASE).getRules()))
        .isEqualTo(releases);
    Role leaseRole = Chart.only(chart, Role.class, Chart.RELEASE + "-leader-election");
    assertThat(granted(leaseRole.getRules())).isEqualTo(lease);
    assertThat(leaseRole.getRules())
        .filteredOn(r -> !r.getVerbs().contains("create"))
        .allSatisfy(r -> assertThat(r.getResourceNames()).containsExactly(Chart.RELEASE));
  }

  /** The operator's every kind of write, through each of its three routers. */
  private void everyKindOfWrite() {
    Team team = new Team(installation, "rbac");
    List<CanaryStep> steps = List.of(new CanaryStep(50, "1s"), new CanaryStep(100, null));
    team.promoted("assistant", Releases.spec("1.0.0", steps));
    team.signedCandidate("assistant", Releases.spec("1.1.0", steps));
    await().atMost(Team.WAIT).until(() -> team.readyPods("assistant").equals(Map.of("1.1.0", 4)));
    team.setSpec(
        "assistant", Releases.spec("1.2.0", List.of(new CanaryStep(50, "1h"), steps.get(1))));
    team.signAll("assistant", "1.2.0");
    // The canary of 1.2.0 replaces the 1.0.0 kept for a rollback: its Deployment is deleted.
    await()
        .atMost(Team.WAIT)
        .untilAsserted(
            () -> {
              var status = team.release("assistant").get().getStatus();
              assertThat(team.readyPods("assistant"))
                  .as(
                      "ready pods; %s %s: %s; Deployments %s",
                      status.getPhase(),
                      status.getReason(),
                      status.getMessage(),
                      team.deployments("assistant").stream()
                          .map(
                              d ->
                                  d.getMetadata().getName()
                                      + "="
                                      + d.getSpec().getReplicas()
                                      + "/"
                                      + (d.getStatus() == null
                                          ? "-"
                                          : d.getStatus().getReadyReplicas()))
                          .toList())
                  .isEqualTo(Map.of("1.1.0", 2, "1.2.0", 2));
            });
    await()
        .atMost(Team.WAIT)
        .untilAsserted(
            () ->
                assertThat(team.deployments("assistant"))
                    .extracting(d -> d.getMetadata().getName())
                    .containsExactlyInAnyOrder(
                        ObjectNames.deployment("assistant", "1.1.0"),
                        ObjectNames.deployment("assistant", "1.2.0")));
    killSwitch(team, "assistant");

    CanaryStep[] routed = {new CanaryStep(50, "1h"), new CanaryStep(100, null)};
    routers.createRoute("rbac-route", "rbac-chat");
    routers.createInferenceService("rbac-isvc");
    Map<String, TrafficRouting> routings =
        Map.of(
            "rbac-chat", RouterFixtures.httpRoute("rbac-route"),
            "rbac-ticket", RouterFixtures.inferenceService("rbac-isvc"));
    routings.forEach(
        (name, routing) -> {
          routers.team.create(name, RouterFixtures.spec("1.0.0", routing, routed));
          routers.team.signAll(name, "1.0.0");
        });
    routings.forEach(
        (name, routing) -> {
          routers.team.awaitPhase(name, Phase.Promoted);
          routers.team.signedCandidate(name, RouterFixtures.spec("1.1.0", routing, routed));
        });
    await().atMost(Team.WAIT).until(() -> routers.weights("rbac-route").equals(List.of(50, 50)));
    await()
        .atMost(Team.WAIT)
        .until(
            () -> routers.predictor("rbac-isvc").get("canaryTrafficPercent"),
            p -> p != null && p.equals(50));
    routings.keySet().forEach(name -> killSwitch(routers.team, name));
  }

  private static void killSwitch(Team team, String release) {
    team.annotateAs(
        "dana", release, Map.of(ReleaseAnnotations.KILL_SWITCH, "reason=audit; by=dana"));
    team.awaitPhase(release, Phase.RolledBack);
  }

  private static Set<String> permissions(java.util.stream.Stream<AuditLog.Request> requests) {
    return requests
        .flatMap(r -> r.permissions().stream())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> granted(List<PolicyRule> rules) {
    Set<String> granted = new TreeSet<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            granted.add(verb + " " + group + "/" + resource);
          }
        }
      }
    }
    return granted;
  }
}
