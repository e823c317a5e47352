package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The index must find exactly what the mock's scan finds: the same entries, in the same order, for
 * every query, whatever sequence of creates, relabels and deletes came before.
 */
class StoreIndexTest {

  /** Resources whose plurals and names collide across groups and scopes on purpose. */
  private record Resource(String apiVersion, String kind, String plural, boolean namespaced) {
    String collection(String namespace) {
      String prefix = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
      return prefix + (namespace != null ? "/namespaces/" + namespace : "") + "/" + plural;
    }
  }

  private static final List<Resource> RESOURCES =
      List.of(
          new Resource("v1", "Event", "events", true),
          new Resource("events.k8s.io/v1", "Event", "events", true),
          new Resource("v1", "ConfigMap", "configmaps", true),
          new Resource("apps/v1", "Deployment", "deployments", true),
          new Resource("test.releasegate.dev/v1", "Widget", "widgets", true),
          new Resource("v1", "Namespace", "namespaces", false));
  private static final List<String> NAMESPACES = List.of("a", "b");
  private static final List<String> NAMES = List.of("x", "y", "z", "a");
  private static final List<String> SELECTORS =
      List.of("", "?labelSelector=app%3Done", "?labelSelector=app!%3Done", "?labelSelector=app");

  private final KubernetesAttributesExtractor extractor = new KubernetesAttributesExtractor();
  private final Map<AttributeSet, String> store = new LinkedHashMap<>();
  private final StoreIndex index = new StoreIndex(store);
  private final Map<String, AttributeSet> keys = new HashMap<>();
  private final Random random = new Random(42);
  private int version;

  @Test
  void findsWhatTheScanFindsThroughCreatesRelabelsAndDeletes() {
    for (int step = 0; step < 400; step++) {
      Resource resource = pick(RESOURCES);
      String namespace = resource.namespaced() ? pick(NAMESPACES) : null;
      String name = pick(NAMES);
      if (random.nextInt(4) == 0) {
        delete(resource, namespace, name);
      } else {
        write(resource, namespace, name, pick(List.of("one", "two", "")));
      }
      assertAgreesWithScan();
    }
  }

  @Test
  void anObjectNamedWildcardStillFindsWhatTheScanFinds() {
    // The mock's Value treats "*" as equal to anything, so such an entry matches every name.
    write(RESOURCES.get(2), "a", "x", "one");
    write(RESOURCES.get(2), "a", "*", "two");
    write(RESOURCES.get(3), "a", "x", "one");
    assertAgreesWithScan();

    delete(RESOURCES.get(2), "a", "*");
    assertAgreesWithScan();
  }

  @Test
  void leavesNothingBehindOnceEverythingIsDeleted() {
    for (Resource resource : RESOURCES) {
      for (String name : NAMES) {
        write(resource, resource.namespaced() ? "a" : null, name, "one");
      }
    }
    assertThat(index.sizeOf("events")).isEqualTo(2 * NAMES.size());

    for (Resource resource : RESOURCES) {
      for (String name : NAMES) {
        delete(resource, resource.namespaced() ? "a" : null, name);
      }
    }

    assertThat(store).isEmpty();
    assertThat(index.buckets()).isZero();
  }

  private void assertAgreesWithScan() {
    for (String path : queries()) {
      AttributeSet query = extractor.fromPath(path);
      List<Map.Entry<AttributeSet, String>> scanned = new ArrayList<>();
      store.entrySet().stream().filter(e -> e.getKey().matches(query)).forEach(scanned::add);

      assertThat(index.matches(query)).as(path).containsExactlyElementsOf(scanned);
      assertThat(index.first(query)).as(path).isEqualTo(scanned.isEmpty() ? null : scanned.get(0));
    }
  }

  private List<String> queries() {
    List<String> paths = new ArrayList<>();
    for (Resource resource : RESOURCES) {
      List<String> collections = new ArrayList<>();
      if (resource.namespaced()) {
        NAMESPACES.forEach(ns -> collections.add(resource.collection(ns)));
      }
      collections.add(resource.collection(null));
      for (String collection : collections) {
        for (String selector : SELECTORS) {
          paths.add(collection + selector);
          NAMES.forEach(name -> paths.add(collection + "/" + name + selector));
          paths.add(collection + "/*" + selector);
        }
      }
    }
    return paths;
  }

  /** Stores an object as the mock's processEvent does: the old key out, the new one in last. */
  private void write(Resource resource, String namespace, String name, String app) {
    GenericKubernetesResourceBuilder object =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(resource.apiVersion())
            .withKind(resource.kind())
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .withResourceVersion(String.valueOf(++version))
            .endMetadata();
    if (!app.isEmpty()) {
      object.editMetadata().addToLabels("app", app).endMetadata();
    }
    GenericKubernetesResource built = object.build();
    AttributeSet key = extractor.extract(built);
    if (!key.containsKey(KubernetesAttributesExtractor.PLURAL)) {
      key = AttributeSet.merge(extractor.fromPath(resource.collection(namespace)), key);
    }
    String id = id(resource, namespace, name);
    AttributeSet old = keys.put(id, key);
    if (old != null) {
      store.remove(old);
      index.remove(old);
    }
    String json = Serialization.asJson(built);
    store.put(key, json);
    index.put(key, json);
  }

  private void delete(Resource resource, String namespace, String name) {
    AttributeSet old = keys.remove(id(resource, namespace, name));
    if (old != null) {
      store.remove(old);
      index.remove(old);
    }
  }

  private static String id(Resource resource, String namespace, String name) {
    return resource.apiVersion() + "/" + resource.plural() + "/" + namespace + "/" + name;
  }

  private <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }
}
