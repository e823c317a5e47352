package dev.releasegate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.Reason;
import dev.releasegate.lifecycle.Releases;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Names and ownership on the real API server: names that join alike stay apart, and a release
 * created again under the name of a deleted one never adopts what the earlier one left, whether the
 * garbage collector is still removing it or it was orphaned on purpose.
 */
@ExtendWith(OperatorNeverRefused.class)
class ObjectOwnershipIT {
  private static final List<CanaryStep> FULL = List.of(new CanaryStep(100, null));
  private static final Pattern PRINTED_DELETE =
      Pattern.compile("kubectl (delete \\S+ \\S+ -n \\S+?)\\.(?:\\s|$)");
  private final Installation installation = Installation.shared();

  private static ModelReleaseSpec spec(String version) {
    return Releases.spec(version, FULL);
  }

  @Test
  void releasesAndVersionsWhoseNamesJoinAlikeServeTheirOwnPods() {
    Team team = new Team(installation, "joined-names");
    team.promoted("a-b", spec("c"));
    team.promoted("a", spec("b-c"));

    team.awaitReadyPods("a-b", Map.of("c", 4));
    team.awaitReadyPods("a", Map.of("b-c", 4));
    assertThat(team.deployments("a-b")).extracting(d -> d.getMetadata().getName()).hasSize(1);
    assertThat(team.deployments("a")).extracting(d -> d.getMetadata().getName()).hasSize(1);
  }

  @Test
  void aReleaseCreatedAgainRightAfterADeleteServesOnlyItsOwnObjects() {
    Team team = new Team(installation, "recreated");
    String earlier = team.promoted("scorer", spec("1.0.0")).getMetadata().getUid();
    team.awaitReadyPods("scorer", Map.of("1.0.0", 4));

    team.release("scorer").delete();
    String now = team.create("scorer", spec("1.0.0")).getMetadata().getUid();
    team.signAll("scorer", "1.0.0");

    team.awaitPhase("scorer", Phase.Promoted);
    await()
        .atMost(Team.WAIT)
        .untilAsserted(
            () ->
                assertThat(team.deployments("scorer"))
                    .singleElement()
                    .satisfies(d -> assertThat(controllerUid(d)).isEqualTo(now)));
    assertThat(now).isNotEqualTo(earlier);
    team.awaitReadyPods("scorer", Map.of("1.0.0", 4));
  }

  @Test
  void objectsOrphanedByAnEarlierReleaseAreLeftAloneUntilSomeoneRemovesThem() {
    Team team = new Team(installation, "orphaned");
    team.promoted("scorer", spec("1.0.0"));
    team.awaitReadyPods("scorer", Map.of("1.0.0", 4));
    team.release("scorer").withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
    await()
        .atMost(Team.WAIT)
        .until(
            () ->
                team.release("scorer").get() == null
                    && team.deployments("scorer").stream()
                        .allMatch(
                            d ->
                                d.getMetadata().getOwnerReferences() == null
                                    || d.getMetadata().getOwnerReferences().isEmpty()));

    team.create("scorer", spec("1.0.0"));
    team.signAll("scorer", "1.0.0");

    // The orphaned Service and Deployment, one after the other: each named, each with the
    // command that removes it, and nothing of them changed meanwhile.
    List<String> named = new java.util.ArrayList<>();
    String previous = "";
    for (int round = 0; round < 2; round++) {
      ModelRelease held = awaitNotOwned(team, previous);
      previous = held.getStatus().getMessage();
      named.add(previous.substring(0, previous.indexOf(' ')));
      assertThat(previous)
          .contains("was left by an earlier ModelRelease scorer")
          .contains("--cascade=orphan");
      if (round == 0) {
        assertThat(team.readyPods("scorer")).isEqualTo(Map.of("1.0.0", 4));
        assertThat(team.deployments("scorer"))
            .singleElement()
            .satisfies(d -> assertThat(d.getMetadata().getOwnerReferences()).isNullOrEmpty())
            .satisfies(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(4));
      }
      pastePrintedDelete(previous);
      // The orphans carry no owner the informer follows: the release's next change (or its
      // minute's recheck) looks again.
      team.annotateAs("admin", "scorer", Map.of("example.com/looked", String.valueOf(round)));
    }
    assertThat(named).containsExactlyInAnyOrder("Service", "Deployment");

    team.awaitPhase("scorer", Phase.Promoted);
    team.awaitReadyPods("scorer", Map.of("1.0.0", 4));
  }

  /** Waits until the release holds for an object not its own, named in another message. */
  private ModelRelease awaitNotOwned(Team team, String previousMessage) {
    await()
        .atMost(Team.WAIT)
        .untilAsserted(
            () -> {
              ModelRelease r = team.release("scorer").get();
              assertThat(r.getStatus()).isNotNull();
              assertThat(r.getStatus().getReason()).isEqualTo(Reason.ObjectNotOwned.name());
              assertThat(r.getStatus().getMessage()).isNotEqualTo(previousMessage);
            });
    return team.release("scorer").get();
  }

  /** Runs the {@code kubectl delete} the status prints, as a person would paste it. */
  private void pastePrintedDelete(String message) {
    Matcher printed = PRINTED_DELETE.matcher(message);
    assertThat(printed.find()).as("a delete command in: %s", message).isTrue();
    installation.admin.run(printed.group(1).split(" ")).assertSuccess();
  }

  private static String controllerUid(Deployment deployment) {
    return deployment.getMetadata().getOwnerReferences().stream()
        .filter(o -> Boolean.TRUE.equals(o.getController()))
        .findFirst()
        .orElseThrow()
        .getUid();
  }
}
