package dev.releasegate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.StatusCondition;
import dev.releasegate.lifecycle.Releases;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A write the API server refuses for a reason only a person can remove (here a ResourceQuota that
 * allows no Deployment, answered 403) holds the release and says why, in the server's words, in
 * status, in the Stalled condition and in a Warning Event, instead of a retry in silence; once the
 * cause is gone the release carries on.
 */
class WriteRefusedIT {
  private final Installation installation = Installation.shared();

  @Test
  void aRefusedWriteShowsInStatusAndAnEventAndTheReleaseCarriesOnOnceItIsFixed() {
    installation.refusesWritesOnPurpose("quota");
    Team team = new Team(installation, "quota");
    team.admin()
        .resourceQuotas()
        .inNamespace(team.namespace)
        .resource(
            new ResourceQuotaBuilder()
                .withNewMetadata()
                .withName("no-deployments")
                .endMetadata()
                .withNewSpec()
                .addToHard(
                    "count/deployments.apps", new io.fabric8.kubernetes.api.model.Quantity("0"))
                .endSpec()
                .build())
        .create();
    // Enforced once the quota controller has counted what the namespace holds.
    await()
        .atMost(Team.WAIT)
        .until(
            () ->
                team.admin()
                    .resourceQuotas()
                    .inNamespace(team.namespace)
                    .withName("no-deployments")
                    .get()
                    .getStatus(),
            status -> status != null && status.getHard() != null && status.getUsed() != null);
    team.create("assistant", Releases.spec("1.0.0", List.of(new CanaryStep(100, null))));
    team.signAll("assistant", "1.0.0");

    await()
        .atMost(Team.WAIT)
        .untilAsserted(
            () -> {
              ModelRelease release = team.release("assistant").get();
              assertThat(release.getStatus().getReason()).isEqualTo("WriteRefused");
              assertThat(release.getStatus().getMessage())
                  .contains("The API server refused a write (403 Forbidden)")
                  .contains("exceeded quota: no-deployments");
              assertThat(release.getStatus().getConditions())
                  .filteredOn(c -> c.type().equals("Stalled"))
                  .singleElement()
                  .extracting(StatusCondition::status)
                  .isEqualTo("True");
            });
    await()
        .atMost(Team.WAIT)
        .until(
            () ->
                team.admin().v1().events().inNamespace(team.namespace).list().getItems().stream()
                    .anyMatch(WriteRefusedIT::refusalWarning));

    team.admin().resourceQuotas().inNamespace(team.namespace).withName("no-deployments").delete();
    // A change of the release retries at once (and without one, the next minute would).
    team.release("assistant")
        .edit(
            r -> {
              r.getMetadata().getAnnotations().put("example.com/ticket", "OPS-1 quota raised");
              return r;
            });
    team.awaitPhase("assistant", Phase.Promoted);
    team.awaitReadyPods("assistant", Map.of("1.0.0", 4));
  }

  private static boolean refusalWarning(Event event) {
    return "Warning".equals(event.getType())
        && "WriteRefused".equals(event.getReason())
        && event.getMessage().contains("exceeded quota");
  }
}
