package dev.releasegate.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.bench.ChildJvm;
import dev.releasegate.embedded.EmbeddedKubernetesApi;
import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator as the kubelet runs it: its own process with {@code --cluster}, stopped by SIGTERM.
 * A rolling upgrade sends SIGTERM and waits the pod's grace period (30 s by default) before it
 * kills; an operator that hangs in its shutdown holds the upgrade, and one that dies without
 * letting go of its Lease makes the next leader wait for the lease to expire.
 */
@Integration
class OperatorProcessTest {

  @Test
  void sigtermStopsTheOperatorWithinTheGracePeriodAndLetsGoOfTheLease(@TempDir Path dir)
      throws Exception {
    try (EmbeddedKubernetesApi api = EmbeddedKubernetesApi.start();
        KubernetesClient client = api.newClient()) {
      api.installCrd("crds/modelreleases.releasegate.dev-v1.yml");
      int port = freePort();
      try (ChildJvm operator =
          new ChildJvm(
              "operator",
              dir,
              List.of(),
              List.of("--cluster", "--http-port=" + port, "--lease-namespace=default"),
              Map.of("KUBECONFIG", api.writeKubeconfig(dir.resolve("kubeconfig")).toString()))) {
        await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .until(() -> (holder(client).length() > 0 && ready(port)) || !operator.alive());
        assertThat(operator.alive()).as(Files.readString(operator.log)).isTrue();

        assertThat(operator.stop(Duration.ofSeconds(20)))
            .as("still running 20 s after SIGTERM:\n%s", Files.readString(operator.log))
            .isTrue();
        assertThat(holder(client)).as(Files.readString(operator.log)).isEmpty();
      }
    }
  }

  /** Started, and so listening for SIGTERM: the shutdown hook is set once start returns. */
  private static boolean ready(int port) throws Exception {
    HttpRequest readyz =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build();
    return HttpClient.newHttpClient()
            .send(readyz, HttpResponse.BodyHandlers.discarding())
            .statusCode()
        == 200;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String holder(KubernetesClient client) {
    Lease lease = client.leases().inNamespace("default").withName("releasegate").get();
    return lease == null || lease.getSpec().getHolderIdentity() == null
        ? ""
        : lease.getSpec().getHolderIdentity();
  }
}
