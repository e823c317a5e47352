package dev.releasegate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.embedded.EmbeddedKubernetesApi;
import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An informer that fails after the start stops the process, and says why for the demo to print. */
@Integration
class FatalInformerStopTest {

  private final EmbeddedKubernetesApi api = EmbeddedKubernetesApi.start();
  private final KubernetesClient client = api.newClient();
  private final AtomicInteger exits = new AtomicInteger();
  private final FatalInformerStop stop = new FatalInformerStop(exits::incrementAndGet);

  @AfterEach
  void close() {
    client.close();
    api.close();
  }

  @Test
  void aFailureAfterTheStartExitsAndKeepsTheRootCause() {
    try (SharedIndexInformer<ConfigMap> informer =
        client.configMaps().inNamespace("default").inform()) {
      stop.onStop(
          informer,
          new WatcherException(
              "Unhandled exception encountered in watcher event handler",
              new IllegalArgumentException(
                  "Cannot deserialize value of type `java.lang.Integer` from String \"lots\"\n"
                      + " at [Source: REDACTED]")));
    }

    assertThat(exits).hasValue(1);
    assertThat(stop.reason())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .startsWith("the informer for ")
                    .endsWith(
                        " failed: Cannot deserialize value of type `java.lang.Integer` from"
                            + " String \"lots\""));
  }

  @Test
  void aStopWithoutAnErrorOrBeforeTheSyncIsLeftToJosdk() {
    try (SharedIndexInformer<ConfigMap> running =
            client.configMaps().inNamespace("default").inform();
        SharedIndexInformer<ConfigMap> notStarted =
            client.configMaps().inNamespace("default").runnableInformer(0)) {
      stop.onStop(running, null);
      stop.onStop(notStarted, new IllegalStateException("cannot list"));
    }

    assertThat(exits).hasValue(0);
    assertThat(stop.reason()).isEmpty();
  }
}
