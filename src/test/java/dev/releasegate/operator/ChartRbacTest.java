package dev.releasegate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.chart.Chart;
import dev.releasegate.embedded.ApiCall;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC grants exactly what the operator calls, no verb more and none less: the calls
 * are recorded while the operator goes through its whole lifecycle on the embedded API, not listed
 * by hand. Each permission reads "verb group/resource".
 */
class ChartRbacTest {
  /**
   * Calls every authenticated user may make, granted by Kubernetes' own ClusterRoles: JOSDK's
   * SelfSubjectRulesReview before leader election (system:basic-user) and discovery
   * (system:discovery).
   */
  private static final Predicate<ApiCall> GRANTED_TO_EVERYONE =
      c -> c.nonResource() || c.resource().equals("selfsubjectrulesreviews");

  /**
   * JOSDK checks for get, create and update on the Lease before it competes for it
   * (LeaderElectionManager.checkLeaseAccess), though Fabric8's lock only ever patches it.
   */
  private static final String JOSDK_LEASE_CHECK = "update coordination.k8s.io/leases";

  private static String permission(ApiCall call) {
    return call.verb() + " " + call.group() + "/" + call.resource();
  }

  private static Set<String> permissions(List<PolicyRule> rules) {
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

  /** What the operator called, split into its own Lease and everything on the releases' side. */
  private record Needed(Set<String> releases, Set<String> lease, Set<String> leaseNames) {
    static Needed of(Set<ApiCall> calls) {
      Predicate<ApiCall> onLease =
          c ->
              OperatorApiCalls.LEASE_NAMESPACE.equals(c.namespace())
                  && c.resource().equals("leases");
      Set<String> lease =
          calls.stream()
              .filter(onLease)
              .map(ChartRbacTest::permission)
              .collect(Collectors.toCollection(TreeSet::new));
      lease.add(JOSDK_LEASE_CHECK);
      return new Needed(
          calls.stream()
              .filter(GRANTED_TO_EVERYONE.negate().and(onLease.negate()))
              .map(ChartRbacTest::permission)
              .collect(Collectors.toCollection(TreeSet::new)),
          lease,
          calls.stream()
              .filter(onLease)
              .map(ApiCall::name)
              .filter(n -> n != null)
              .collect(Collectors.toSet()));
    }
  }

  private static void assertLeaseRole(List<HasMetadata> chart, Needed needed) {
    Role lease = Chart.only(chart, Role.class, Chart.RELEASE + "-leader-election");
    assertThat(lease.getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE);
    assertThat(permissions(lease.getRules())).isEqualTo(needed.lease());
    assertThat(lease.getRules())
        .filteredOn(r -> !r.getVerbs().contains("create"))
        .allSatisfy(
            r ->
                assertThat(r.getResourceNames())
                    .as("only its own Lease")
                    .containsExactlyElementsOf(needed.leaseNames()));
    assertThat(
            Chart.only(chart, RoleBinding.class, Chart.RELEASE + "-leader-election").getSubjects())
        .singleElement()
        .satisfies(s -> assertThat(s.getName()).isEqualTo(Chart.RELEASE));
  }

  @Test
  void clusterWideTheClusterRoleGrantsExactlyWhatTheOperatorCalls() {
    Needed needed = Needed.of(OperatorApiCalls.of(OperatorSettings.defaults()));
    List<HasMetadata> chart = Chart.render("");

    ClusterRole role = Chart.only(chart, ClusterRole.class, Chart.RELEASE);
    assertThat(permissions(role.getRules())).isEqualTo(needed.releases());
    assertThat(Chart.only(chart, ClusterRoleBinding.class, Chart.RELEASE).getSubjects())
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.getNamespace() + "/" + s.getName())
                    .isEqualTo(Chart.NAMESPACE + "/" + Chart.RELEASE));
    assertLeaseRole(chart, needed);
  }

  @Test
  void withWatchNamespacesEachGetsARoleWithExactlyWhatTheOperatorCallsThere() {
    Set<ApiCall> calls =
        OperatorApiCalls.of(OperatorSettings.defaults().withNamespaces(Set.of("ml")));
    Needed needed = Needed.of(calls);
    assertThat(calls)
        .filteredOn(GRANTED_TO_EVERYONE.negate())
        .as("nothing outside the watched namespace and the Lease's")
        .allSatisfy(c -> assertThat(c.namespace()).isIn("ml", OperatorApiCalls.LEASE_NAMESPACE));
    List<HasMetadata> chart = Chart.render("watchNamespaces: [ml, ml-staging]");

    for (String namespace : List.of("ml", "ml-staging")) {
      Role role =
          Chart.all(chart, Role.class).stream()
              .filter(r -> r.getMetadata().getName().equals(Chart.RELEASE))
              .filter(r -> r.getMetadata().getNamespace().equals(namespace))
              .findFirst()
              .orElseThrow();
      assertThat(permissions(role.getRules())).isEqualTo(needed.releases());
    }
    assertThat(Chart.all(chart, ClusterRoleBinding.class)).as("no cluster-wide grant").isEmpty();
    assertThat(Chart.all(chart, ClusterRole.class))
        .noneMatch(r -> r.getMetadata().getName().equals(Chart.RELEASE));
    assertLeaseRole(chart, needed);
  }
}
