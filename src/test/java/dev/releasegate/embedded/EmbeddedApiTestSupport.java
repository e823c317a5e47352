package dev.releasegate.embedded;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One embedded API server per test class, with the test CRD (kind Widget, group
 * test.releasegate.dev) installed. Tests isolate themselves by namespace.
 */
abstract class EmbeddedApiTestSupport {

  static final String WIDGET_CRD = "embedded/widgets.test.releasegate.dev.yaml";
  static final String WIDGET_API_VERSION = "test.releasegate.dev/v1";

  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  static EmbeddedKubernetesApi api;
  static KubernetesClient client;

  @BeforeAll
  static void startServer() {
    api = EmbeddedKubernetesApi.start();
    api.installCrd(WIDGET_CRD);
    client = api.newClient();
  }

  @AfterAll
  static void stopServer() {
    client.close();
    api.close();
  }

  static String newNamespace() {
    return "test-" + NAMESPACES.incrementAndGet();
  }

  static MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      widgets() {
    return client.genericKubernetesResources(WIDGET_API_VERSION, "Widget");
  }

  static GenericKubernetesResource widget(String namespace, String name, Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(WIDGET_API_VERSION)
        .withKind("Widget")
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .addToAdditionalProperties("spec", spec)
        .build();
  }
}
