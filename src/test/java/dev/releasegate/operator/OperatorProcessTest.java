package dev.releasegate.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.embedded.EmbeddedKubernetesApi;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator as the kubelet runs it: its own process with {@code --cluster}, stopped by SIGTERM.
 * A rolling upgrade sends SIGTERM and waits the pod's grace period (30 s by default) before it
 * kills; an operator that hangs in its shutdown holds the upgrade, and one that dies without
 * letting go of its Lease makes the next leader wait for the lease to expire.
 */
class OperatorProcessTest {

  @Test
  void sigtermStopsTheOperatorWithinTheGracePeriodAndLetsGoOfTheLease(@TempDir Path dir)
      throws Exception {
    try (EmbeddedKubernetesApi api = EmbeddedKubernetesApi.start();
        KubernetesClient client = api.newClient()) {
      api.installCrd("crds/modelreleases.releasegate.dev-v1.yml");
      Path log = dir.resolve("operator.log");
      ProcessBuilder builder =
          new ProcessBuilder(
                  List.of(
                      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                      "-cp",
                      System.getProperty("java.class.path"),
                      "dev.releasegate.Releasegate",
                      "--cluster",
                      "--http-port=0",
                      "--lease-namespace=default"))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder
          .environment()
          .put("KUBECONFIG", api.writeKubeconfig(dir.resolve("kubeconfig")).toString());
      Process operator = builder.start();
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> holder(client).length() > 0 || !operator.isAlive());
        assertThat(operator.isAlive()).as(Files.readString(log)).isTrue();

        operator.destroy(); // SIGTERM

        assertThat(operator.waitFor(20, TimeUnit.SECONDS))
            .as("still running 20 s after SIGTERM:\n%s", Files.readString(log))
            .isTrue();
        assertThat(holder(client)).as(Files.readString(log)).isEmpty();
      } finally {
        operator.destroyForcibly();
      }
    }
  }

  private static String holder(KubernetesClient client) {
    Lease lease = client.leases().inNamespace("default").withName("releasegate").get();
    return lease == null || lease.getSpec().getHolderIdentity() == null
        ? ""
        : lease.getSpec().getHolderIdentity();
  }
}
