package dev.releasegate.bench;

import static org.awaitility.Awaitility.await;

import dev.releasegate.embedded.StandaloneApi;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The embedded API (Fabric8's mock server, {@code --api-only}) in a JVM of its own, its simulated
 * kubelet making pods ready at once. It authorises nothing, so one client does everything, and it
 * counts every request it receives.
 */
final class EmbeddedBenchmarkApi implements BenchmarkApi {
  private final Path dir;
  private final ChildJvm api;
  private final KubernetesClient client;

  private EmbeddedBenchmarkApi(Path dir, ChildJvm api, KubernetesClient client) {
    this.dir = dir;
    this.api = api;
    this.client = client;
  }

  static EmbeddedBenchmarkApi start(Path dir, List<String> namespaces) throws IOException {
    ChildJvm api =
        new ChildJvm(
            "api",
            dir,
            List.of("-Xmx4g"),
            List.of(
                "--api-only",
                "--work-dir",
                dir.toString(),
                "--namespace",
                String.join(",", namespaces),
                "--readiness-delay",
                "PT0S"),
            Map.of());
    Path kubeconfig = dir.resolve("kubeconfig");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              if (!api.alive()) {
                throw new IllegalStateException("the API exited; see " + api.log);
              }
              return Files.exists(kubeconfig)
                  && Files.exists(dir.resolve(StandaloneApi.REQUEST_COUNTS));
            });
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
            .build();
    return new EmbeddedBenchmarkApi(dir, api, client);
  }

  @Override
  public String kind() {
    return "embedded";
  }

  @Override
  public String server() {
    return "embedded API (Fabric8 mock server " + Version.clientVersion() + ", --api-only)";
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  @Override
  public KubernetesClient reviewer() {
    return client;
  }

  @Override
  public String signer(String role) {
    return role + "-owner";
  }

  @Override
  public KubernetesClient floorClient() {
    return client;
  }

  @Override
  public Path operatorKubeconfig() {
    return dir.resolve("kubeconfig");
  }

  /** None: leader election on, its Lease in the kubeconfig's namespace, as before. */
  @Override
  public List<String> operatorArgs() {
    return List.of();
  }

  @Override
  public ApiCounts operatorCounts() {
    return ApiCounts.read(dir);
  }

  @Override
  public Map<String, Long> operatorErrors() {
    return null;
  }

  @Override
  public void close() throws InterruptedException {
    client.close();
    api.close();
  }
}
