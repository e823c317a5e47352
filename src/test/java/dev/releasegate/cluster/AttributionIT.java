package dev.releasegate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.embedded.Kubectl;
import dev.releasegate.lifecycle.ReleaseAnnotations;
import dev.releasegate.lifecycle.Releases;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who did what, on the real control plane with real users: each person pastes the commands the
 * release prints into bash with their own kubeconfig, the admission policy lets each act only
 * through whoever holds its verb, and the operator tells the story with their names. On-call (dana)
 * rolls back but cannot skip a pause; the release driver (mei) skips it and retries.
 */
@ExtendWith(OperatorNeverRefused.class)
class AttributionIT {
  private static final String NAME = "assistant";
  private final Installation installation = Installation.shared();

  private Kubectl as(String user) {
    return new Kubectl(installation.plane.kubeconfig(user), installation.plane.workDir(user));
  }

  @Test
  void onCallRollsBackAndClearsButOnlyTheDriverSkipsAPauseAndTheTrailKeepsWhoDidWhat() {
    Team team = new Team(installation, "attribution");
    team.promoted(NAME, Releases.hourlySteps("1.0.0"));
    team.signedCandidate(NAME, Releases.hourlySteps("1.1.0"));
    String pause = awaitReason(team, "StepPause").getStatus().getMessage();
    String promote = Pasted.command(pause, ReleaseAnnotations.PROMOTE);

    Kubectl.Result refused = as("dana").paste(promote);
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stderr())
        .contains(
            "dana may not set releasegate.dev/promote on assistant (it skips the pause of a"
                + " canary step): that needs verb promote on promotions (releasegate.dev), as the"
                + " ClusterRole releasegate-release-driver grants.");
    as("mei").paste(promote).assertSuccess();
    await()
        .atMost(Team.WAIT)
        .until(() -> team.release(NAME).get().getStatus().getCanary().step() == 2);
    assertThat(messages(team, "PauseSkipped"))
        .singleElement()
        .asString()
        .contains("pause skipped by mei (releasegate.dev/promote=version=1.1.0; step=1; by=mei)");

    as("dana")
        .paste(
            "kubectl annotate --overwrite -n attribution mrel assistant"
                + " releasegate.dev/kill-switch=\"reason=p99 latency 4s; by=$(kubectl auth whoami"
                + " -o jsonpath='{.status.userInfo.username}')\"")
        .assertSuccess();
    ModelRelease rolledBack = team.awaitPhase(NAME, Phase.RolledBack);
    assertThat(rolledBack.getStatus().getLastRollback().by()).isEqualTo("dana");
    assertThat(rolledBack.getStatus().getLastRollback().trigger()).isEqualTo("p99 latency 4s");
    assertThat(messages(team, "KillSwitch"))
        .singleElement()
        .asString()
        .startsWith("Kill switch (p99 latency 4s), pulled by dana, rolled back 1.1.0 at ");

    String message = rolledBack.getStatus().getMessage();
    as("dana").paste(Pasted.command(message, ReleaseAnnotations.KILL_SWITCH)).assertSuccess();
    assertThat(
            team.release(NAME)
                .get()
                .getMetadata()
                .getAnnotations()
                .get(ReleaseAnnotations.KILL_SWITCH))
        .isEqualTo("false; by=dana");
    Kubectl.Result retryByOnCall =
        as("dana").paste(Pasted.command(message, ReleaseAnnotations.RETRY));
    assertThat(retryByOnCall.stderr())
        .contains("dana may not set releasegate.dev/retry on assistant")
        .contains("releasegate-release-driver");
    as("mei").paste(Pasted.command(message, ReleaseAnnotations.RETRY)).assertSuccess();

    assertThat(awaitReason(team, "StepPause").getStatus().getCanary().step()).isEqualTo(1);
    assertThat(messages(team, "Retry"))
        .singleElement()
        .asString()
        .isEqualTo(
            "Retrying 1.1.0 from its first step, as mei (releasegate.dev/retry=version=1.1.0;"
                + " by=mei) asks.");

    // The driver takes it the rest of the way, skipping each step's hold.
    while (team.release(NAME).get().getStatus().getPhase() != Phase.Promoted) {
      ModelRelease at = team.release(NAME).get();
      if (at.getStatus().getMessage().contains(ReleaseAnnotations.PROMOTE + "=\"")) {
        as("mei")
            .paste(Pasted.command(at.getStatus().getMessage(), ReleaseAnnotations.PROMOTE))
            .assertSuccess();
      }
      int step = at.getStatus().getCanary() == null ? 0 : at.getStatus().getCanary().step();
      await()
          .atMost(Team.WAIT)
          .until(
              () -> {
                ModelRelease now = team.release(NAME).get();
                return now.getStatus().getPhase() == Phase.Promoted
                    || (now.getStatus().getCanary() != null
                        && now.getStatus().getCanary().step() > step
                        && now.getStatus()
                            .getMessage()
                            .contains(ReleaseAnnotations.PROMOTE + "=\""));
              });
    }

    // A cluster expires Events after an hour; the trail outlives them.
    team.admin().v1().events().inNamespace(team.namespace).delete();
    await().atMost(Team.WAIT).until(() -> events(team, "KillSwitch").isEmpty());
    String trail =
        installation
            .admin
            .run(
                "get",
                "configmap",
                "-n",
                team.namespace,
                "-l",
                "releasegate.dev/release=" + NAME + ",releasegate.dev/audit-trail=true",
                "-o",
                "jsonpath={.items[0].data}")
            .assertSuccess()
            .stdout();
    Map<String, Map<String, String>> acts = new TreeMap<>();
    json(trail).forEach((key, act) -> acts.put(key, json(act)));
    List<String> told =
        acts.values().stream()
            .filter(a -> "1.1.0".equals(a.get("version")))
            .map(a -> a.get("act") + " " + a.get("by"))
            .toList();
    assertThat(told)
        .containsSubsequence(
            "Signed product-owner",
            "PauseSkipped mei",
            "KillSwitch dana",
            "Retry mei",
            "PauseSkipped mei",
            "Promoted null");
    assertThat(told).filteredOn(t -> t.startsWith("Signed ")).hasSize(Releases.ALL_ROLES.size());
    assertThat(told).filteredOn(t -> t.startsWith("KillSwitch ")).hasSize(1);
    assertThat(team.release(NAME).get().getStatus().getHistory().get(0).packetRecord())
        .as("the packet record that points at the trail")
        .isNotNull();
  }

  private static ModelRelease awaitReason(Team team, String reason) {
    await()
        .atMost(Team.WAIT)
        .untilAsserted(
            () -> {
              ModelRelease r = team.release(NAME).get();
              assertThat(r.getStatus().getReason())
                  .as("%s: %s", r.getStatus().getReason(), r.getStatus().getMessage())
                  .isEqualTo(reason);
            });
    return team.release(NAME).get();
  }

  /** The messages of the release's Events of one reason, once there is one. */
  private static List<String> messages(Team team, String reason) {
    await().atMost(Team.WAIT).until(() -> !events(team, reason).isEmpty());
    return events(team, reason).stream().map(Event::getMessage).toList();
  }

  private static List<Event> events(Team team, String reason) {
    return team.admin().v1().events().inNamespace(team.namespace).list().getItems().stream()
        .filter(e -> NAME.equals(e.getInvolvedObject().getName()))
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  private static Map<String, String> json(String text) {
    try {
      return Serialization.jsonMapper()
          .readValue(text, new TypeReference<Map<String, String>>() {});
    } catch (java.io.IOException e) {
      throw new AssertionError("not a JSON object of strings: " + text, e);
    }
  }
}
