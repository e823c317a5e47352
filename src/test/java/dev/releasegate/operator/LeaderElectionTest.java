package dev.releasegate.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.lifecycle.Releases;
import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of one installation against the same API: only the lease holder acts, and when it
 * stops mid-canary the other finishes the canary from status, neither repeating nor skipping a
 * step.
 */
@Integration
class LeaderElectionTest {
  /** Short enough for a test, long enough that a busy machine does not lose the lease by itself. */
  static LeaderElection lease(String name) {
    return new LeaderElection(
        name,
        "releasegate-system",
        Duration.ofSeconds(4),
        Duration.ofSeconds(3),
        Duration.ofMillis(500),
        // JOSDK would otherwise end the test JVM when the stopped leader gives up the lease.
        false);
  }

  private static final String REPLICA_B = "releasegate-replica-b";

  private static final List<CanaryStep> STEPS =
      List.of(new CanaryStep(25, "3s"), new CanaryStep(50, "3s"), new CanaryStep(100, null));
  private static final Pattern STEP =
      Pattern.compile("^Step (\\d+)/3: \\d+% of traffic to 1\\.1\\.0");

  private OperatorHarness h;
  private KubernetesClient secondClient;
  private ReleasegateOperator second;

  @AfterEach
  void stop() {
    if (second != null) {
      second.close();
    }
    if (secondClient != null) {
      secondClient.close();
    }
    h.close();
  }

  @Test
  void theStandbyTakesOverMidCanaryAndFinishesItStepByStep() {
    h =
        new OperatorHarness(
            OperatorSettings.defaults()
                .withIdentity("replica-a")
                .withLeaderElection(lease("releasegate")));
    secondClient =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder(h.api.clientConfig()).withUserAgent(REPLICA_B).build())
            .build();
    second =
        ReleasegateOperator.start(
            secondClient,
            Clock.systemUTC(),
            OperatorSettings.defaults()
                .withIdentity("replica-b")
                .withLeaderElection(lease("releasegate")));
    await().atMost(OperatorHarness.WAIT).until(() -> h.operator().leading() || second.leading());
    assertThat(h.operator().leading() && second.leading()).as("two leaders").isFalse();
    boolean firstLeads = h.operator().leading();
    String leader = firstLeads ? "replica-a" : "replica-b";
    String standby = firstLeads ? "replica-b" : "replica-a";

    h.promoted("assistant", Releases.spec("1.0.0", STEPS));
    h.signedCandidate("assistant", Releases.spec("1.1.0", STEPS));
    h.awaitStepInForce("assistant", 1);
    assertThat(events()).allSatisfy(e -> assertThat(e.getReportingInstance()).isEqualTo(leader));
    String standbyClient = firstLeads ? REPLICA_B : ReleasegateOperator.USER_AGENT;
    assertThat(h.api.requestCounter().calls())
        .filteredOn(c -> c.caller().equals(standbyClient))
        .as("the standby only reads and competes for the lease")
        .allSatisfy(
            c ->
                assertThat(
                        Set.of("list", "watch").contains(c.verb())
                            || c.resource().equals("leases")
                            || c.resource().equals("selfsubjectrulesreviews"))
                    .as(c.toString())
                    .isTrue());

    if (firstLeads) {
      h.stopOperator();
    } else {
      second.close();
    }

    await()
        .atMost(OperatorHarness.WAIT)
        .until(
            () -> {
              var status = h.release("assistant").get().getStatus();
              return status.getPhase() == Phase.Promoted
                  && status.getStable().version().equals("1.1.0");
            });
    // The Promoted Event is recorded just after the status that says so.
    await()
        .atMost(OperatorHarness.WAIT)
        .untilAsserted(
            () ->
                assertThat(events())
                    .anySatisfy(
                        e ->
                            assertThat(e.getReason() + " " + e.getMessage())
                                .startsWith("Promoted 1.1.0")));
    List<Event> events = events();
    List<Integer> steps =
        events.stream()
            .filter(e -> e.getReason().equals("CanaryStep"))
            .map(e -> STEP.matcher(e.getMessage()))
            .filter(Matcher::find)
            .map(m -> Integer.parseInt(m.group(1)))
            .toList();
    assertThat(steps).as("each step once, in order").containsExactly(1, 2, 3);
    assertThat(events)
        .filteredOn(e -> e.getReason().equals("Promoted") && e.getMessage().startsWith("1.1.0"))
        .hasSize(1)
        .allSatisfy(e -> assertThat(e.getReportingInstance()).isEqualTo(standby));
    assertThat(events).anySatisfy(e -> assertThat(e.getReportingInstance()).isEqualTo(leader));
  }

  /** The release's Events in the order they were recorded (their names start with the time). */
  private List<Event> events() {
    return h.client.v1().events().inNamespace(OperatorHarness.NAMESPACE).list().getItems().stream()
        .filter(e -> "assistant".equals(e.getInvolvedObject().getName()))
        .filter(e -> "releasegate".equals(e.getReportingComponent()))
        .sorted(Comparator.comparing(e -> e.getMetadata().getName()))
        .toList();
  }
}
