package dev.releasegate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.lifecycle.Releases;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the operator, as the chart runs them, on the real Lease API: only the holder
 * writes; when it dies mid-canary (killed, so it never gives the Lease up) the other takes over
 * once the Lease expires and finishes the canary from status, each step once and in order.
 */
class LeaderElectionIT {
  private static final Pattern STEP =
      Pattern.compile("^Step (\\d+)/3: \\d+% of traffic to 1\\.1\\.0");

  private final Installation installation = Installation.shared();
  private Installation.Replica standby;

  @AfterEach
  void theChartsOperatorLeadsAgain() throws InterruptedException {
    if (standby != null) {
      // SIGTERM: the standby gives the Lease up, and the shared operator takes it at once.
      standby.process().close();
    }
    installation.startOperator();
    assertThat(installation.operatorRefusals())
        .as("requests of the operator the API server refused")
        .isEmpty();
  }

  @Test
  void theStandbyTakesOverWhenTheLeaderDiesMidCanaryAndFinishesItStepByStep() {
    Team team = new Team(installation, "leader-election");
    List<CanaryStep> steps =
        List.of(new CanaryStep(25, "5s"), new CanaryStep(50, "5s"), new CanaryStep(100, null));
    team.promoted("assistant", Releases.spec("1.0.0", steps));

    standby = installation.startReplica("operator-1");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> standby.process().alive() && Installation.ready(standby.httpPort()));
    assertThat(installation.leaseHolder()).isEqualTo("operator-0");
    team.signedCandidate("assistant", Releases.spec("1.1.0", steps));
    await()
        .atMost(Team.WAIT)
        .until(
            () -> {
              ModelRelease release = team.release("assistant").get();
              return release.getStatus().getCanary() != null
                  && release.getStatus().getCanary().step() == 1
                  && release.getStatus().getCanary().stepStartedAt() != null;
            });
    assertThat(standbyRequests())
        .as("the standby only reads and competes for the Lease")
        .allSatisfy(
            r ->
                assertThat(
                        Set.of("list", "watch").contains(r.verb())
                            || r.resource().equals("leases")
                            || r.resource().equals("selfsubjectrulesreviews"))
                    .as(r.toString())
                    .isTrue());

    installation.killOperator();

    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> installation.leaseHolder().equals("operator-1"));
    ModelRelease promoted = team.awaitPhase("assistant", Phase.Promoted);
    assertThat(promoted.getStatus().getStable().version()).isEqualTo("1.1.0");
    team.awaitReadyPods("assistant", Map.of("1.1.0", 4));
    List<Event> events = events(team);
    assertThat(
            events.stream()
                .filter(e -> e.getReason().equals("CanaryStep"))
                .map(e -> STEP.matcher(e.getMessage()))
                .filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(1)))
                .toList())
        .as("each step once, in order")
        .containsExactly(1, 2, 3);
    assertThat(events)
        .filteredOn(e -> e.getReason().equals("Promoted") && e.getMessage().startsWith("1.1.0"))
        .singleElement()
        .satisfies(e -> assertThat(e.getReportingInstance()).isEqualTo("operator-1"));
  }

  private List<AuditLog.Request> standbyRequests() {
    return installation.audit().requestsOf(Installation.OPERATOR).stream()
        .filter(r -> r.credential().equals(standby.credential()))
        .toList();
  }

  /** The release's Events in the order they were recorded (their names start with the time). */
  private static List<Event> events(Team team) {
    return team.admin().v1().events().inNamespace(team.namespace).list().getItems().stream()
        .filter(e -> "assistant".equals(e.getInvolvedObject().getName()))
        .filter(e -> "releasegate".equals(e.getReportingComponent()))
        .sorted(Comparator.comparing(e -> e.getMetadata().getName()))
        .toList();
  }
}
