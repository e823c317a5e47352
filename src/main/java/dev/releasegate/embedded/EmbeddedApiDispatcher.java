package dev.releasegate.embedded;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mock server's CRUD dispatcher with the gaps that keep JOSDK and kubectl from working filled
 * in; it routes each request and otherwise stays on the parent's path.
 *
 * <ul>
 *   <li>non-resource GETs (discovery, OpenAPI, version, health) go to {@link NonResourceEndpoints};
 *   <li>writes go to {@link ObjectWrites}, which computes whole objects and stores them through the
 *       parent's own create (POST) and replace (PUT), so the parent still keeps the store, bumps
 *       {@code resourceVersion} and {@code generation} and sends the watch events;
 *   <li>GETs that ask for a Table get one for custom resources and the common built-in kinds
 *       ({@link ServerSideTable});
 *   <li>a {@code fieldSelector} on a list or watch is applied here ({@link FieldSelector}, {@link
 *       SelectedWatchEvents}), as the parent knows only two fields;
 *   <li>a watch resumed from a resourceVersion gets only what changed since ({@link
 *       ResumedWatchEvents}), one that asks for initial events a bookmark at their end ({@link
 *       InitialEventsEnd}), and one that asks for a Table gets Table rows ({@link
 *       TableWatchEvents});
 *   <li>other reads, watches and deletes are the parent's, with a Status body on 404.
 * </ul>
 *
 * <p>A write here is a read-modify-write spanning several parent calls, each under the parent's
 * private lock, so this class serialises writes under its own lock (reads share it). The store
 * itself, indexed, is the parent's ({@link IndexedCrudDispatcher}).
 */
final class EmbeddedApiDispatcher extends IndexedCrudDispatcher implements ObjectStore {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedApiDispatcher.class);
  private static final ObjectMapper JSON = Serialization.jsonMapper();
  private static final String CRD_COLLECTION =
      "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  /** The stored CRDs, read back only after one changed: discovery asks for them on every list. */
  private volatile List<CustomResourceDefinition> crds;

  private final NonResourceEndpoints nonResource = new NonResourceEndpoints(this);
  private final ObjectWrites writes = new ObjectWrites(this);
  private final ApiDiscovery discovery = new ApiDiscovery(this::customResourceDefinitions);
  private final Clock clock = Clock.systemUTC();

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    HttpMethod method = request.method();
    Lock held = method == HttpMethod.GET ? lock().readLock() : lock().writeLock();
    held.lock();
    try {
      return withContentType(route(method, request));
    } catch (ApiStatus status) {
      return status.toResponse();
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return ApiStatus.badRequest(e.getMessage()).toResponse();
    } catch (RuntimeException e) {
      LOG.warn("Embedded API server failed on {}", request, e);
      return new ApiStatus(500, "InternalError", String.valueOf(e.getMessage())).toResponse();
    } finally {
      held.unlock();
    }
  }

  private MockResponse route(HttpMethod method, RecordedRequest request)
      throws JsonProcessingException {
    String path = request.getPath();
    if (method == HttpMethod.GET && NonResourceEndpoints.handles(path)) {
      return nonResource.get(path);
    }
    ResourcePath resource =
        ResourcePath.parse(path)
            .orElseThrow(() -> new ApiStatus(405, "MethodNotAllowed", "not a resource: " + path));
    if (method == HttpMethod.GET) {
      return get(resource, path, request);
    }
    if (method == HttpMethod.POST && SelfSubjectReviews.isReview(resource)) {
      return Responses.json(201, SelfSubjectReviews.answer(resource));
    }
    String contentType = request.getHeader("Content-Type");
    if (contentType != null && contentType.contains("protobuf")) {
      // kubectl's typed commands (create deployment, create service, create configmap, auth
      // can-i) send protobuf whatever the server advertises, and do not retry with JSON on a 415.
      throw new ApiStatus(
          415,
          "UnsupportedMediaType",
          "the embedded API server reads JSON and YAML bodies only, not protobuf, which kubectl's"
              + " typed commands (create deployment, create service and the like) send: add"
              + " --dry-run=client -o yaml and pipe the object to kubectl create --validate=false"
              + " -f -");
    }
    boolean dryRun = resource.parameter("dryRun").isPresent();
    return switch (method == null ? HttpMethod.ANY : method) {
      case POST -> writes.create(resource, contentType, request.getUtf8Body(), dryRun);
      case PUT -> writes.update(resource, contentType, request.getUtf8Body(), dryRun);
      case PATCH -> writes.patch(resource, contentType, request.getUtf8Body(), dryRun);
      case DELETE -> dryRun ? dryRunDelete(resource) : delete(resource, path);
      default -> throw new ApiStatus(405, "MethodNotAllowed", "method not supported");
    };
  }

  private MockResponse get(ResourcePath path, String pathAndQuery, RecordedRequest request)
      throws JsonProcessingException {
    if (ResourcePath.isWatch(pathAndQuery)) {
      return watch(path, pathAndQuery, request.getHeader("Accept"));
    }
    if (ScaleSubresource.applies(path)) {
      return read(path)
          .map(object -> Responses.json(200, ScaleSubresource.of(object)))
          .orElseThrow(() -> ApiStatus.notFound(path));
    }
    if (ServerSideTable.isRequested(request.getHeader("Accept"))) {
      Optional<List<TableColumn>> columns =
          ServerSideTable.columnsFor(path, this::customResourceDefinitions);
      if (columns.isPresent()) {
        return table(path, pathAndQuery, columns.get());
      }
    }
    return notFoundAsStatus(stored(path, pathAndQuery), path);
  }

  /**
   * The parent's GET, with two things about lists put right. The parent matches a field selector
   * only against metadata.name and metadata.namespace and finds nothing for any other field, so the
   * selector is applied here instead. And it calls every list a "v1 List", in which typed clients
   * (kubectl describe's list of events) find nothing; a real server names the list after its kind
   * and group, e.g. "apps/v1 DeploymentList".
   *
   * <p>A list is written from the stored JSON of its items as they are, not parsed and written
   * again (a list of a few thousand Deployments is megabytes); only a field selector reads them.
   */
  private MockResponse stored(ResourcePath path, String pathAndQuery)
      throws JsonProcessingException {
    String mockPath = ResourcePath.withoutQueryParameter(pathAndQuery, FieldSelector.PARAMETER);
    if (!path.isCollection()) {
      return storedGet(mockPath);
    }
    AttributeSet query = attributeExtractor.fromPath(mockPath);
    if (query.containsKey(KubernetesAttributesExtractor.NAME) || parentSeesWatch(mockPath)) {
      // Not a list to the parent; never seen, but treated as it always was.
      return renamedList(path, storedGet(mockPath));
    }
    Optional<FieldSelector> selector = FieldSelector.of(path);
    List<String> items = new ArrayList<>();
    for (String item : storedItems(query)) {
      if (selector.isEmpty() || selector.get().matches(JSON.readTree(item))) {
        items.add(item);
      }
    }
    Optional<String> kind = discovery.kindOf(path);
    return Responses.json(
        200,
        list(
            kind.isPresent() ? path.groupVersion() : "v1",
            kind.map(k -> k + "List").orElse("List"),
            items));
  }

  /** The parent's answer to a list GET, parsed, narrowed to the field selector and renamed. */
  private MockResponse renamedList(ResourcePath path, MockResponse stored)
      throws JsonProcessingException {
    if (stored.code() != 200) {
      return stored;
    }
    ObjectNode list = (ObjectNode) JSON.readTree(stored.getBody().readUtf8());
    FieldSelector.of(path).ifPresent(s -> list.set("items", s.select(list.path("items"))));
    discovery
        .kindOf(path)
        .ifPresent(
            kind -> {
              list.put("apiVersion", path.groupVersion());
              list.put("kind", kind + "List");
            });
    return Responses.json(200, list);
  }

  /** A list as the parent composes it, named as given; the items are written as stored. */
  private String list(String apiVersion, String kind, List<String> items) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("apiVersion", apiVersion);
      json.writeStringField("kind", kind);
      json.writeArrayFieldStart("items");
      for (String item : items) {
        json.writeRawValue(item);
      }
      json.writeEndArray();
      json.writeObjectFieldStart("metadata");
      json.writeStringField("resourceVersion", String.valueOf(lastResourceVersion()));
      json.writeStringField("selfLink", "");
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * The parent's watch, its events narrowed to the field selector's objects, to the changes after
   * the resourceVersion it resumes from, with a bookmark after the initial events if it asks for
   * one, and printed as Table rows when the client asks for a Table and the resource has columns
   * (as its list would be). The same for a WebSocket and a plain HTTP watch: the server streams
   * either from the listener returned.
   */
  private MockResponse watch(ResourcePath path, String pathAndQuery, String accept) {
    Optional<FieldSelector> selector = FieldSelector.of(path);
    // Without the selector: the parent would match it against its own attributes, which know
    // only metadata.name and metadata.namespace (and it misreads a name from a selector of two).
    MockResponse watch =
        super.handleGet(
            selector.isEmpty()
                ? pathAndQuery
                : ResourcePath.withoutQueryParameter(pathAndQuery, FieldSelector.PARAMETER));
    List<WatchEventFilter> filters = new ArrayList<>();
    selector.map(SelectedWatchEvents::new).ifPresent(filters::add);
    ResumedWatchEvents.of(path).ifPresent(filters::add);
    InitialEventsEnd.of(path, discovery.kindOf(path), this::lastResourceVersion)
        .ifPresent(filters::add);
    if (ServerSideTable.isRequested(accept)) {
      ServerSideTable.columnsFor(path, this::customResourceDefinitions)
          .map(
              columns ->
                  new TableWatchEvents(
                      columns, path.parameter("includeObject").orElse("Metadata"), clock))
          .ifPresent(filters::add);
    }
    if (filters.isEmpty()) {
      return watch;
    }
    return watch.withWebSocketUpgrade(
        new FilteredWatch(watch.getWebSocketListener(), WatchEventFilter.chain(filters)));
  }

  private MockResponse table(ResourcePath path, String pathAndQuery, List<TableColumn> columns)
      throws JsonProcessingException {
    MockResponse stored = stored(path, pathAndQuery);
    if (stored.code() != 200) {
      throw ApiStatus.notFound(path);
    }
    JsonNode body = JSON.readTree(stored.getBody().readUtf8());
    List<JsonNode> objects = new ArrayList<>();
    if (path.isCollection()) {
      body.path("items").forEach(objects::add);
    } else {
      objects.add(body);
    }
    String resourceVersion = body.path("metadata").path("resourceVersion").asText("");
    String includeObject = path.parameter("includeObject").orElse("Metadata");
    return Responses.json(
        200, ServerSideTable.of(columns, objects, resourceVersion, includeObject, clock.instant()));
  }

  private MockResponse delete(ResourcePath path, String pathAndQuery)
      throws JsonProcessingException {
    if (!path.isCollection() || FieldSelector.of(path).isEmpty()) {
      return notFoundAsStatus(super.handleDelete(pathAndQuery), path);
    }
    // A delete-collection with a field selector: delete what the selector lists, one by one.
    JsonNode selected = JSON.readTree(stored(path, pathAndQuery).getBody().readUtf8());
    for (JsonNode item : selected.path("items")) {
      JsonNode metadata = item.path("metadata");
      super.handleDelete(
          path.member(metadata.path("namespace").asText(null), metadata.path("name").asText())
              .objectPath());
    }
    return Responses.json(200, selected);
  }

  private MockResponse dryRunDelete(ResourcePath path) {
    return read(path)
        .map(object -> Responses.json(200, object))
        .orElseThrow(() -> ApiStatus.notFound(path));
  }

  // ---- ObjectStore: the parent's own handlers; callers hold this class's lock ----

  @Override
  public Optional<JsonNode> read(ResourcePath path) {
    MockResponse stored = storedGet(path.objectPath());
    return stored.code() == 200 ? Optional.of(parse(stored)) : Optional.empty();
  }

  @Override
  public MockResponse create(ResourcePath collection, ObjectNode object) {
    return super.handleCreate(request(HttpMethod.POST, collection.pathWithoutQuery(), object));
  }

  @Override
  public MockResponse replace(ResourcePath path, ObjectNode object) {
    // Without its query string, so that the parent recognises a "/status" path.
    return super.handleUpdate(request(HttpMethod.PUT, path.pathWithoutQuery(), object));
  }

  @Override
  public List<CustomResourceDefinition> customResourceDefinitions() {
    if (crds == null) {
      List<CustomResourceDefinition> read = new ArrayList<>();
      for (JsonNode item : parse(storedGet(CRD_COLLECTION)).path("items")) {
        read.add(JSON.convertValue(item, CustomResourceDefinition.class));
      }
      // Shared by every caller until a CRD changes; they only read them.
      crds = List.copyOf(read);
    }
    return crds;
  }

  @Override
  void changed(AttributeSet oldKey, AttributeSet newKey) {
    if (isCrd(oldKey) || isCrd(newKey)) {
      crds = null;
    }
  }

  private static boolean isCrd(AttributeSet key) {
    return key != null
        && "customresourcedefinitions"
            .equals(StoreIndex.literal(key, KubernetesAttributesExtractor.PLURAL));
  }

  @Override
  public void reset() {
    super.reset();
    crds = null;
  }

  // ---- helpers ----

  private static JsonNode parse(MockResponse response) {
    try {
      return JSON.readTree(response.getBody().readUtf8());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("the store holds invalid JSON", e);
    }
  }

  private static RecordedRequest request(HttpMethod method, String path, JsonNode body) {
    Headers headers = Headers.builder().add("Content-Type", "application/json").build();
    try {
      return new RecordedRequest(
          "HTTP/1.1", method, path, headers, new Buffer(JSON.writeValueAsBytes(body)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The mock answers a missing object with an empty 404; kubectl wants a Status to print. */
  private static MockResponse notFoundAsStatus(MockResponse response, ResourcePath path) {
    boolean empty = response.getBody() == null || response.getBody().size() == 0;
    return response.code() == 404 && empty ? ApiStatus.notFound(path).toResponse() : response;
  }

  private static MockResponse withContentType(MockResponse response) {
    if (response.header("Content-Type") == null
        && response.getBody() != null
        && response.getBody().size() > 0) {
      response.setHeader("Content-Type", "application/json");
    }
    return response;
  }
}
