package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's index and watches, through the API: what the index finds is what a scan of the
 * mock's store finds after every kind of write, and each change reaches the watches of its own
 * resource, once, and closed watches are let go.
 */
@Integration
class IndexedStoreTest extends EmbeddedApiTestSupport {

  @Test
  void theIndexFindsWhatAScanOfTheStoreFindsAfterEveryKindOfWrite() {
    String ns = newNamespace();
    for (int i = 0; i < 5; i++) {
      client.configMaps().inNamespace(ns).resource(configMap(ns, "cm-" + i, "one")).create();
      widgets().inNamespace(ns).resource(widget(ns, "w-" + i, Map.of("size", "small"))).create();
    }
    // Relabel (the stored key changes), merge-patch, apply, status, delete.
    client
        .configMaps()
        .inNamespace(ns)
        .withName("cm-1")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"app\":\"two\"}}}");
    client.configMaps().inNamespace(ns).withName("cm-2").edit(cm -> withData(cm, "k", "v"));
    client
        .configMaps()
        .inNamespace(ns)
        .resource(configMap(ns, "cm-3", "two"))
        .fieldManager("test")
        .forceConflicts()
        .serverSideApply();
    widgets()
        .inNamespace(ns)
        .withName("w-1")
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"ready\":true}}");
    client.configMaps().inNamespace(ns).withName("cm-4").delete();
    widgets().inNamespace(ns).withName("w-4").delete();
    // A finalizer holds a deleted object until it is removed; a collection delete by label.
    client
        .configMaps()
        .inNamespace(ns)
        .withName("cm-0")
        .edit(
            cm ->
                new ConfigMapBuilder(cm)
                    .editMetadata()
                    .addToFinalizers("test/hold")
                    .endMetadata()
                    .build());
    client.configMaps().inNamespace(ns).withName("cm-0").delete();
    assertThat(client.configMaps().inNamespace(ns).withName("cm-0").get().isMarkedForDeletion())
        .isTrue();
    widgets()
        .inNamespace(ns)
        .withName("w-0")
        .edit(
            w -> {
              w.getMetadata().setFinalizers(List.of("test/hold"));
              return w;
            });
    widgets().inNamespace(ns).withName("w-0").delete();
    widgets()
        .inNamespace(ns)
        .withName("w-0")
        .edit(
            w -> {
              w.getMetadata().setFinalizers(List.of());
              return w;
            });
    assertThat(widgets().inNamespace(ns).withName("w-0").get()).isNull();
    widgets().inNamespace(ns).withLabel("app", "gone").delete();
    client.configMaps().inNamespace(ns).withLabel("app", "one").delete();

    EmbeddedApiDispatcher dispatcher = api.dispatcher();
    List<String> paths = new ArrayList<>();
    for (String collection :
        List.of(
            "/api/v1/namespaces/" + ns + "/configmaps",
            "/api/v1/configmaps",
            "/apis/test.releasegate.dev/v1/namespaces/" + ns + "/widgets")) {
      paths.add(collection);
      paths.add(collection + "?labelSelector=app%3Dtwo");
      for (int i = 0; i < 5; i++) {
        paths.add(collection + "/cm-" + i);
        paths.add(collection + "/w-" + i);
      }
    }
    for (String path : paths) {
      AttributeSet query = dispatcher.getAttributeExtractor().fromPath(path);
      var scanned =
          dispatcher.getMap().entrySet().stream()
              .filter(e -> e.getKey().matches(query))
              .findFirst()
              .orElse(null);
      assertThat(dispatcher.findResource(query)).as(path).isEqualTo(scanned);
    }
    assertThat(client.configMaps().inNamespace(ns).list().getItems())
        .extracting(cm -> cm.getMetadata().getName())
        .containsExactlyInAnyOrder("cm-0", "cm-1", "cm-3");
    assertThat(widgets().inNamespace(ns).list().getItems())
        .extracting(w -> w.getMetadata().getName())
        .containsExactlyInAnyOrder("w-1", "w-2", "w-3");
  }

  @Test
  void eachChangeReachesTheWatchesItMatchesOnceAndClosedWatchesAreLetGo() {
    String ns = newNamespace();
    String other = newNamespace();
    List<SeenEvents<ConfigMap>> configMapWatches = new ArrayList<>();
    List<SeenEvents<ConfigMap>> otherNamespaceWatches = new ArrayList<>();
    List<SeenEvents<Secret>> secretWatches = new ArrayList<>();
    List<SharedIndexInformer<?>> informers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      informers.add(client.configMaps().inNamespace(ns).inform(recorder(configMapWatches)));
      informers.add(client.configMaps().inNamespace(other).inform(recorder(otherNamespaceWatches)));
      informers.add(client.secrets().inNamespace(ns).inform(recorder(secretWatches)));
    }
    await().until(() -> api.dispatcher().openWatches() == informers.size());

    client.configMaps().inNamespace(ns).resource(configMap(ns, "cm", "one")).create();
    client.configMaps().inNamespace(ns).withName("cm").edit(cm -> withData(cm, "k", "v"));
    client.configMaps().inNamespace(other).resource(configMap(other, "other", "one")).create();
    client.secrets().inNamespace(ns).resource(secret(ns, "s")).create();

    await()
        .until(
            () ->
                configMapWatches.stream().allMatch(r -> r.seen.size() == 2)
                    && otherNamespaceWatches.stream().allMatch(r -> r.seen.size() == 1)
                    && secretWatches.stream().allMatch(r -> r.seen.size() == 1));
    // Each socket delivers in order, so an event of "cm" sent to the other watches would have
    // arrived before the event they were waited for.
    configMapWatches.forEach(r -> assertThat(r.seen).containsExactly("ADDED cm", "MODIFIED cm"));
    otherNamespaceWatches.forEach(r -> assertThat(r.seen).containsExactly("ADDED other"));
    secretWatches.forEach(r -> assertThat(r.seen).containsExactly("ADDED s"));

    informers.forEach(SharedIndexInformer::close);
    await().atMost(Duration.ofSeconds(20)).until(() -> api.dispatcher().openWatches() == 0);
  }

  private static <T extends HasMetadata> SeenEvents<T> recorder(List<SeenEvents<T>> into) {
    SeenEvents<T> recorder = new SeenEvents<>();
    into.add(recorder);
    return recorder;
  }

  private static ConfigMap configMap(String ns, String name, String app) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .addToLabels("app", app)
        .endMetadata()
        .build();
  }

  private static Secret secret(String ns, String name) {
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .endMetadata()
        .build();
  }

  private static ConfigMap withData(ConfigMap cm, String key, String value) {
    return new ConfigMapBuilder(cm).addToData(key, value).build();
  }
}
