package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Watches over plain HTTP, read as kubectl reads them: one JSON WatchEvent per line of a chunked
 * response. They get the same events as the Fabric8 client's WebSocket watches.
 */
@Integration
class HttpWatchTest extends EmbeddedApiTestSupport {

  private static final ObjectMapper JSON = Serialization.jsonMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";

  private String ns;

  @BeforeEach
  void useFreshNamespaceAndNoWatches() {
    ns = newNamespace();
    await().until(() -> api.dispatcher().openWatches() == 0);
  }

  @Test
  void eventsReachAnHttpWatchInTheOrderAndKindsAWebSocketWatchGetsThemAndClosedWatchesGo()
      throws Exception {
    configMaps().resource(configMap("before", "one")).create();
    SeenByWebSocket webSocket = new SeenByWebSocket();
    try (Watch webSocketWatch = configMaps().withLabel("app", "one").watch(webSocket);
        HttpWatch http = HttpWatch.open(collection() + "?watch=true&labelSelector=app%3Done")) {
      assertThat(http.response.statusCode()).isEqualTo(200);
      assertThat(http.response.headers().firstValue("Content-Type")).hasValue("application/json");
      await().until(() -> api.dispatcher().openWatches() == 2);

      configMaps().resource(configMap("c2", "one")).create();
      configMaps().withName("c2").edit(cm -> withData(cm, "k", "v"));
      configMaps().resource(configMap("c3", "two")).create();
      configMaps().withName("c2").edit(cm -> relabelled(cm, "two"));
      configMaps().withName("before").delete();

      List<String> expected =
          List.of("ADDED before", "ADDED c2", "MODIFIED c2", "DELETED c2", "DELETED before");
      await().until(() -> http.seen().size() == expected.size());
      await().until(() -> webSocket.seen.size() == expected.size());
      assertThat(http.seen()).containsExactlyElementsOf(expected);
      assertThat(webSocket.seen).containsExactlyElementsOf(expected);

      http.close();
      await().until(() -> api.dispatcher().openWatches() == 1);
    }
    await().until(() -> api.dispatcher().openWatches() == 0);
  }

  @Test
  void timeoutSecondsEndsTheStreamAndLetsTheWatchGo() throws Exception {
    configMaps().resource(configMap("cm", "one")).create();

    try (HttpWatch http = HttpWatch.open(collection() + "?watch=true&timeoutSeconds=1")) {
      await().atMost(Duration.ofSeconds(15)).until(() -> http.ended);

      assertThat(http.seen()).containsExactly("ADDED cm");
    }
    await().until(() -> api.dispatcher().openWatches() == 0);
  }

  @Test
  void aWatchResumedFromAListGetsOnlyLaterChangesWithinItsFieldSelection() throws Exception {
    configMaps().resource(configMap("a", "one")).create();
    configMaps().resource(configMap("b", "one")).create();
    String listed = configMaps().list().getMetadata().getResourceVersion();

    try (HttpWatch resumed =
            HttpWatch.open(
                collection()
                    + "?watch=true&fieldSelector=metadata.name%3Da&resourceVersion="
                    + listed);
        HttpWatch fromAnyPoint =
            HttpWatch.open(collection() + "?watch=true&fieldSelector=metadata.name%3Da")) {
      await().until(() -> api.dispatcher().openWatches() == 2);
      configMaps().withName("b").edit(cm -> withData(cm, "k", "v"));
      configMaps().withName("a").edit(cm -> withData(cm, "k", "v"));
      configMaps().withName("a").edit(cm -> relabelled(cm, "two"));

      await().until(() -> resumed.seen().size() == 2 && fromAnyPoint.seen().size() == 3);
      // The client has "a" from its list: no ADDED again, and its changes are MODIFIED.
      assertThat(resumed.seen()).containsExactly("MODIFIED a", "MODIFIED a");
      assertThat(fromAnyPoint.seen()).containsExactly("ADDED a", "MODIFIED a", "MODIFIED a");
    }
  }

  @Test
  void aWatchThatAsksForItsInitialEventsGetsABookmarkAtTheirEnd() throws Exception {
    configMaps().resource(configMap("a", "one")).create();
    String listed = configMaps().list().getMetadata().getResourceVersion();

    try (HttpWatch http =
        HttpWatch.open(
            collection()
                + "?watch=true&sendInitialEvents=true&allowWatchBookmarks=true"
                + "&resourceVersionMatch=NotOlderThan")) {
      await().until(() -> http.lines.size() == 2);
      configMaps().withName("a").edit(cm -> withData(cm, "k", "v"));
      await().until(() -> http.lines.size() == 3);

      assertThat(http.seen()).containsExactly("ADDED a", "BOOKMARK ", "MODIFIED a");
      JsonNode bookmark = object(List.copyOf(http.lines).get(1));
      assertThat(bookmark.path("kind").asText()).isEqualTo("ConfigMap");
      assertThat(bookmark.path("apiVersion").asText()).isEqualTo("v1");
      assertThat(bookmark.path("metadata").path("resourceVersion").asText()).isEqualTo(listed);
      assertThat(bookmark.path("metadata").path("annotations").path("k8s.io/initial-events-end"))
          .hasToString("\"true\"");
    }
  }

  @Test
  void aWatchThatAsksForATableGetsOneRowPerEventAndTheColumnsOnce() throws Exception {
    widgets().inNamespace(ns).resource(widget(ns, "w1", Map.of("size", "small"))).create();

    try (HttpWatch http =
        HttpWatch.open(
            "/apis/" + WIDGET_API_VERSION + "/namespaces/" + ns + "/widgets?watch=true", TABLE)) {
      await().until(() -> api.dispatcher().openWatches() == 1);
      widgets()
          .inNamespace(ns)
          .withName("w1")
          .edit(
              w -> {
                w.getMetadata().setLabels(Map.of("tier", "gold"));
                return w;
              });

      await().until(() -> http.lines.size() == 2);
      List<JsonNode> tables = http.lines.stream().map(HttpWatchTest::object).toList();
      assertThat(tables).allSatisfy(t -> assertThat(t.path("kind").asText()).isEqualTo("Table"));
      assertThat(tables.get(0).path("columnDefinitions").findValuesAsText("name"))
          .containsExactly("Name", "Phase", "Weight", "Size", "Age");
      assertThat(tables.get(1).has("columnDefinitions")).isFalse();
      assertThat(tables)
          .allSatisfy(
              t ->
                  assertThat(t.path("rows").path(0).path("cells").path(0).asText())
                      .isEqualTo("w1"));
      assertThat(tables.get(1).path("rows").path(0).path("object").path("kind").asText())
          .isEqualTo("PartialObjectMetadata");
    }
  }

  private NonNamespaceOperation<ConfigMap, ConfigMapList, Resource<ConfigMap>> configMaps() {
    return client.configMaps().inNamespace(ns);
  }

  private String collection() {
    return "/api/v1/namespaces/" + ns + "/configmaps";
  }

  private ConfigMap configMap(String name, String app) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .addToLabels("app", app)
        .endMetadata()
        .build();
  }

  private static ConfigMap withData(ConfigMap cm, String key, String value) {
    return new ConfigMapBuilder(cm).addToData(key, value).build();
  }

  private static ConfigMap relabelled(ConfigMap cm, String app) {
    return new ConfigMapBuilder(cm).editMetadata().addToLabels("app", app).endMetadata().build();
  }

  private static JsonNode object(String event) {
    try {
      return JSON.readTree(event).path("object");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "ADDED name" for each event of a Fabric8 (WebSocket) watch, in order. */
  private static final class SeenByWebSocket implements Watcher<ConfigMap> {
    final Queue<String> seen = new ConcurrentLinkedQueue<>();

    @Override
    public void eventReceived(Action action, ConfigMap resource) {
      seen.add(action + " " + resource.getMetadata().getName());
    }

    @Override
    public void onClose(WatcherException cause) {}
  }

  /** A watch over plain HTTP, its lines read as they arrive by a thread of its own. */
  private static final class HttpWatch implements AutoCloseable {
    final HttpResponse<InputStream> response;
    final Queue<String> lines = new ConcurrentLinkedQueue<>();
    volatile boolean ended;

    private HttpWatch(HttpResponse<InputStream> response) {
      this.response = response;
      Thread reader = new Thread(this::read, "http-watch-reader");
      reader.setDaemon(true);
      reader.start();
    }

    static HttpWatch open(String path) throws Exception {
      return open(path, "application/json");
    }

    static HttpWatch open(String path, String accept) throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(api.url() + path)).header("Accept", accept).build();
      return new HttpWatch(HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream()));
    }

    /** "ADDED name" for each event so far, in order. */
    List<String> seen() {
      return lines.stream()
          .map(
              line -> {
                try {
                  JsonNode event = JSON.readTree(line);
                  return event.path("type").asText()
                      + " "
                      + event.path("object").path("metadata").path("name").asText();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .toList();
    }

    private void read() {
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lines.add(line);
        }
        ended = true;
      } catch (IOException e) {
        // closed by the test
      }
    }

    /** Goes away as a client does: the connection is closed. */
    @Override
    public void close() throws IOException {
      response.body().close();
    }
  }
}
