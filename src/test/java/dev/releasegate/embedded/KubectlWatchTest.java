package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real kubectl's watching commands against the embedded server: they watch over plain HTTP.
 * Each test waits until kubectl's watch is open before it makes the change kubectl waits for, so
 * that kubectl can only have seen it through the watch (kubectl wait and rollout status would
 * otherwise also find it by listing again after a failed watch).
 */
@Integration
class KubectlWatchTest extends KubectlTestSupport {

  @BeforeEach
  void noWatchesLeft() {
    // Each test counts the watches it opens, so the previous test's must be gone.
    await().until(() -> api.dispatcher().openWatches() == 0);
  }

  @Test
  void getWatchPrintsEachChangeOnceWithThePrinterColumnsAndLetsTheWatchGo() {
    widgets().resource(widget(ns, "w1", Map.of("size", "small"))).create();

    try (Kubectl.Running watch = kubectl.start("get", "wdg", "-n", ns, "--watch")) {
      awaitWatchOpen();
      setStatus("w1", "{\"phase\":\"Canary\",\"canary\":{\"weight\":25}}");

      await().until(() -> watch.stdout().contains("Canary"));
      // The list printed first, then only the change: the watch resumed from the list's
      // resourceVersion does not send w1 again, and its Table rows carry no second header.
      assertThat(watch.stdout().lines().toList())
          .hasSize(3)
          .satisfies(lines -> assertThat(lines.get(0)).matches("NAME\\s+PHASE\\s+WEIGHT\\s+AGE"))
          .satisfies(lines -> assertThat(lines.get(1)).matches("w1\\s+\\d+s"))
          .satisfies(lines -> assertThat(lines.get(2)).matches("w1\\s+Canary\\s+25\\s+\\d+s"));
    }
    await().until(() -> api.dispatcher().openWatches() == 0);
  }

  @Test
  void waitForAJsonPathReturnsWhenTheValueArrives() {
    widgets().resource(widget(ns, "w1", Map.of("size", "small"))).create();

    try (Kubectl.Running wait =
        kubectl.start(
            "wait",
            "wdg/w1",
            "-n",
            ns,
            "--for=jsonpath={.status.phase}=Promoted",
            "--timeout=25s")) {
      awaitWatchOpen();
      setStatus("w1", "{\"phase\":\"Canary\"}");
      setStatus("w1", "{\"phase\":\"Promoted\"}");

      Kubectl.Result result = wait.awaitExit().assertSuccess();
      assertThat(result.stdout()).contains("widget.test.releasegate.dev/w1 condition met");
      assertThat(result.stderr()).isEmpty();
    }
  }

  @Test
  void waitForAConditionReturnsWhenItBecomesTrue() {
    widgets().resource(widget(ns, "w1", Map.of("size", "small"))).create();
    setStatus("w1", "{\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\"}]}");

    try (Kubectl.Running wait =
        kubectl.start("wait", "wdg/w1", "-n", ns, "--for=condition=Ready", "--timeout=25s")) {
      awaitWatchOpen();
      setStatus("w1", "{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}");

      assertThat(wait.awaitExit().assertSuccess().stdout()).contains("condition met");
    }
  }

  @Test
  void waitAsAWatchListClientGetsTheEndOfItsInitialEvents() {
    widgets().resource(widget(ns, "w1", Map.of("size", "small"))).create();

    // With this client-go feature, kubectl's informer watches with sendInitialEvents and takes
    // nothing as listed until the bookmark that ends the initial events.
    try (Kubectl.Running wait =
        kubectl
            .withEnvironment("KUBE_FEATURE_WatchListClient", "true")
            .start(
                "wait",
                "wdg/w1",
                "-n",
                ns,
                "--for=jsonpath={.status.phase}=Promoted",
                "--timeout=25s")) {
      awaitWatchOpen();
      setStatus("w1", "{\"phase\":\"Promoted\"}");

      assertThat(wait.awaitExit().assertSuccess().stdout()).contains("condition met");
    }
  }

  @Test
  void rolloutStatusReturnsOnceTheSimulatedKubeletMakesTheDeploymentReady() {
    client
        .resource(
            new DeploymentBuilder(PatchesAndSubresourcesTest.deployment(ns, "web", 2))
                .editMetadata()
                .addToLabels("app.kubernetes.io/managed-by", "releasegate")
                .endMetadata()
                .build())
        .create();

    try (Kubectl.Running rollout =
        kubectl.start("rollout", "status", "deployment/web", "-n", ns, "--timeout=25s")) {
      awaitWatchOpen();
      try (SimulatedKubelet kubelet =
          new SimulatedKubelet(client, "app.kubernetes.io/managed-by=releasegate", Duration.ZERO)
              .start()) {
        Kubectl.Result result = rollout.awaitExit().assertSuccess();

        assertThat(result.stdout()).contains("deployment \"web\" successfully rolled out");
      }
    }
  }

  /** kubectl's watch is the only one the server has open. */
  private static void awaitWatchOpen() {
    await().atMost(Duration.ofSeconds(20)).until(() -> api.dispatcher().openWatches() == 1);
  }

  private void setStatus(String name, String statusJson) {
    widgets()
        .inNamespace(ns)
        .withName(name)
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":" + statusJson + "}");
  }
}
