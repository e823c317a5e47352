package dev.releasegate.embedded;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The embedded API on its own, for a process that is not the operator: the CRD installed, the given
 * namespaces, the simulated kubelet, a kubeconfig, and every second the request counts in {@code
 * api-requests.json}, so another process (an operator started with {@code --cluster}, a benchmark)
 * can use it and see what it cost the API.
 */
public final class StandaloneApi implements AutoCloseable {
  public static final String REQUEST_COUNTS = "api-requests.json";

  private final EmbeddedKubernetesApi api;
  private final KubernetesClient client;
  private final SimulatedKubelet kubelet;
  private final ScheduledExecutorService writer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "api-request-counts");
            thread.setDaemon(true);
            return thread;
          });
  private final Path kubeconfig;

  private StandaloneApi(
      int port,
      Path workDir,
      String crd,
      List<String> namespaces,
      String kubeletSelector,
      Duration readinessDelay) {
    api = EmbeddedKubernetesApi.start(port);
    api.installCrd(crd);
    client = api.newClient();
    namespaces.forEach(
        ns ->
            client
                .namespaces()
                .resource(
                    new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .createOr(NonDeletingOperation::update));
    kubelet = new SimulatedKubelet(client, kubeletSelector, readinessDelay).start();
    kubeconfig = api.writeKubeconfig(workDir.resolve("kubeconfig"));
    Path counts = workDir.resolve(REQUEST_COUNTS);
    writer.scheduleWithFixedDelay(() -> write(counts), 0, 1, TimeUnit.SECONDS);
  }

  /** Starts it; returns once the kubeconfig is written. */
  public static StandaloneApi start(
      int port,
      Path workDir,
      String crd,
      List<String> namespaces,
      String kubeletSelector,
      Duration readinessDelay) {
    return new StandaloneApi(port, workDir, crd, namespaces, kubeletSelector, readinessDelay);
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  public String url() {
    return api.url();
  }

  private void write(Path file) {
    try {
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(
          temp,
          Serialization.asJson(
              Map.of(
                  "total",
                  api.requestCounter().total(),
                  "byRequest",
                  api.requestCounter().snapshot())));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    writer.shutdownNow();
    kubelet.close();
    client.close();
    api.close();
  }
}
