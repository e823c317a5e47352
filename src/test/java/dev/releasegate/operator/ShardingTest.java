package dev.releasegate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.lifecycle.Releases;
import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Past one operator: two installations split the releases by a label selector, each with its own
 * lease and leader, and each acts only on the releases it selects.
 */
@Integration
class ShardingTest {
  private OperatorHarness h;
  private KubernetesClient shardBClient;
  private ReleasegateOperator shardB;

  @AfterEach
  void stop() {
    if (shardB != null) {
      shardB.close();
    }
    if (shardBClient != null) {
      shardBClient.close();
    }
    h.close();
  }

  private ModelRelease create(String name, String shard) {
    ModelRelease release = new ModelRelease();
    release.getMetadata().setName(name);
    release.getMetadata().setNamespace(OperatorHarness.NAMESPACE);
    release.getMetadata().getLabels().put("shard", shard);
    release.setSpec(Releases.spec("1.0.0"));
    return h.client.resource(release).create();
  }

  @Test
  void eachInstallationActsOnlyOnTheReleasesItSelects() {
    h =
        new OperatorHarness(
            OperatorSettings.defaults()
                .withIdentity("shard-a")
                .withSelector("shard=a")
                .withLeaderElection(LeaderElectionTest.lease("releasegate-shard-a")));
    shardBClient = h.api.newClient();
    shardB =
        ReleasegateOperator.start(
            shardBClient,
            Clock.systemUTC(),
            OperatorSettings.defaults()
                .withIdentity("shard-b")
                .withSelector("shard=b")
                .withLeaderElection(LeaderElectionTest.lease("releasegate-shard-b")));

    create("alpha", "a");
    create("beta", "b");
    h.annotate("alpha", OperatorHarness.signoffs("1.0.0"));
    h.annotate("beta", OperatorHarness.signoffs("1.0.0"));

    h.awaitPhase("alpha", Phase.Promoted);
    h.awaitPhase("beta", Phase.Promoted);
    assertThat(h.operator().leading()).as("shard a has its own leader").isTrue();
    assertThat(shardB.leading()).as("shard b has its own leader").isTrue();
    assertThat(reporters("alpha")).containsOnly("shard-a");
    assertThat(reporters("beta")).containsOnly("shard-b");
  }

  private java.util.List<String> reporters(String release) {
    return h.client.v1().events().inNamespace(OperatorHarness.NAMESPACE).list().getItems().stream()
        .filter(e -> release.equals(e.getInvolvedObject().getName()))
        .map(Event::getReportingInstance)
        .toList();
  }
}
