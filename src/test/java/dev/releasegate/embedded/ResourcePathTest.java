package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourcePathTest {

  @Test
  void parsesNamespacedCustomResourceStatusWithQuery() {
    ResourcePath path =
        ResourcePath.parse(
                "/apis/test.releasegate.dev/v1/namespaces/ns1/widgets/w1/status?fieldManager=kubectl-patch")
            .orElseThrow();

    assertThat(path.group()).isEqualTo("test.releasegate.dev");
    assertThat(path.version()).isEqualTo("v1");
    assertThat(path.namespace()).isEqualTo("ns1");
    assertThat(path.plural()).isEqualTo("widgets");
    assertThat(path.name()).isEqualTo("w1");
    assertThat(path.isStatus()).isTrue();
    assertThat(path.parameter("fieldManager")).contains("kubectl-patch");
    assertThat(path.pathWithoutQuery())
        .isEqualTo("/apis/test.releasegate.dev/v1/namespaces/ns1/widgets/w1/status");
    assertThat(path.objectPath())
        .isEqualTo("/apis/test.releasegate.dev/v1/namespaces/ns1/widgets/w1");
    assertThat(path.withoutName().pathWithoutQuery())
        .isEqualTo("/apis/test.releasegate.dev/v1/namespaces/ns1/widgets");
    assertThat(path.resource()).isEqualTo("widgets/status");
  }

  @Test
  void parsesCoreCollectionsAndClusterScopedObjects() {
    ResourcePath pods =
        ResourcePath.parse("/api/v1/namespaces/default/pods?limit=500").orElseThrow();
    assertThat(pods.group()).isNull();
    assertThat(pods.isCollection()).isTrue();
    assertThat(pods.resource()).isEqualTo("pods");

    ResourcePath namespace = ResourcePath.parse("/api/v1/namespaces/default").orElseThrow();
    assertThat(namespace.plural()).isEqualTo("namespaces");
    assertThat(namespace.name()).isEqualTo("default");
    assertThat(namespace.namespace()).isNull();
  }

  @Test
  void readsTheStatusOfANamespaceAsASubresource() {
    ResourcePath path = ResourcePath.parse("/api/v1/namespaces/ns1/status").orElseThrow();

    assertThat(path.plural()).isEqualTo("namespaces");
    assertThat(path.name()).isEqualTo("ns1");
    assertThat(path.isStatus()).isTrue();
  }

  @Test
  void rejectsNonResourcePathsAndDetectsWatches() {
    assertThat(ResourcePath.parse("/apis/apps/v1")).isEmpty();
    assertThat(ResourcePath.parse("/version")).isEmpty();
    assertThat(ResourcePath.isWatch("/apis/apps/v1/deployments?watch=true&labelSelector=a%3Db"))
        .isTrue();
    assertThat(ResourcePath.queryParameter("/x?labelSelector=a%3Db", "labelSelector"))
        .contains("a=b");
    assertThat(ResourcePath.isWatch("/apis/apps/v1/deployments?watch=false")).isFalse();
  }

  @Test
  void dropsOneQueryParameterAndKeepsTheOthersAsSent() {
    String path = "/api/v1/events?fieldSelector=type%3DWarning&limit=500&watch=true";

    assertThat(ResourcePath.withoutQueryParameter(path, "fieldSelector"))
        .isEqualTo("/api/v1/events?limit=500&watch=true");
    assertThat(ResourcePath.withoutQueryParameter(path, "watch"))
        .isEqualTo("/api/v1/events?fieldSelector=type%3DWarning&limit=500");
    assertThat(ResourcePath.withoutQueryParameter("/api/v1/events?fieldSelector=", "fieldSelector"))
        .isEqualTo("/api/v1/events");
    assertThat(ResourcePath.withoutQueryParameter("/api/v1/events", "fieldSelector"))
        .isEqualTo("/api/v1/events");
  }

  @Test
  void namesItsGroupVersionAndGroupResource() {
    ResourcePath deployments = ResourcePath.parse("/apis/apps/v1/deployments").orElseThrow();
    ResourcePath events = ResourcePath.parse("/api/v1/namespaces/ns1/events").orElseThrow();

    assertThat(deployments.groupVersion()).isEqualTo("apps/v1");
    assertThat(deployments.groupResource()).isEqualTo("deployments.apps");
    assertThat(events.groupVersion()).isEqualTo("v1");
    assertThat(events.groupResource()).isEqualTo("events");
  }
}
