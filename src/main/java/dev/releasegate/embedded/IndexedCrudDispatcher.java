package dev.releasegate.embedded;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesResponseComposer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The mock's CRUD store as it is, with what it finds found through a {@link StoreIndex} instead of
 * a scan of every object, and its watches served by {@link StoreWatches}.
 *
 * <p>The parent keeps every object as a JSON string in one map keyed by attributes (resource, name,
 * namespace, labels) and answers every request, a GET or PATCH of one object included, by testing
 * every entry against the request's attributes. Its handlers of POST, PUT and PATCH stay as they
 * are; they find objects through {@link #findResource}, answered here from the index. Its GET and
 * DELETE, which scan in a private method, are done here the same way from the index. Every change
 * to the map passes through {@link #processEvent}, where the index is kept in step and the watches
 * get their events. So objects are stored, versioned and watched exactly as before; only finding
 * them no longer costs a pass over the whole store.
 *
 * <p>Locking: the subclass serialises writes under {@link #lock()} (reads share it), and watches
 * open under its read lock. The Vert.x server ({@link ApiHttpServer}) hands every request to one
 * event-loop thread, so the lock is never contended in practice; what bounds the server is the CPU
 * each request costs on that thread.
 */
abstract class IndexedCrudDispatcher extends KubernetesCrudDispatcher {

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final StoreIndex index = new StoreIndex(map);
  private final StoreWatches watches = new StoreWatches(context.getMapper());

  /** The last resourceVersion handed out: the parent's counter is private, and lists show it. */
  private volatile long resourceVersion;

  /** Reads share it, writes hold it alone. */
  final ReadWriteLock lock() {
    return lock;
  }

  /** Called under the write lock after every change to the stored JSON. */
  void changed(AttributeSet oldKey, AttributeSet newKey) {}

  /**
   * The parent's GET of an object or a list ({@code handle(path, null)}), from the index: the same
   * entries in the same order, the same response. (The parent answers an empty list under {@code
   * /apis/{group}/{version}} with its CRDs' resources; such a path is discovery and never comes
   * here.)
   */
  final MockResponse storedGet(String path) {
    if (parentSeesWatch(path)) {
      return super.handleGet(path);
    }
    AttributeSet query = attributeExtractor.fromPath(path);
    if (query.containsKey(KubernetesAttributesExtractor.NAME)) {
      Map.Entry<AttributeSet, String> found = index.first(query);
      return found == null
          ? new MockResponse().setResponseCode(404)
          : new MockResponse().setResponseCode(200).setBody(found.getValue());
    }
    return new MockResponse()
        .setResponseCode(200)
        .setBody(
            ((KubernetesResponseComposer) responseComposer)
                .compose(storedItems(query), String.valueOf(resourceVersion)));
  }

  /** The stored JSON of every object {@code query} matches, in the store's order. */
  final List<String> storedItems(AttributeSet query) {
    return index.matches(query).stream().map(Map.Entry::getValue).toList();
  }

  /** The resourceVersion a list shows: the last one handed out. */
  final long lastResourceVersion() {
    return resourceVersion;
  }

  /**
   * Whether the parent's GET would take {@code path} for a watch: its {@code detectWatchMode} looks
   * for "watch=true" anywhere in the query, so any path that might contain it goes to the parent.
   */
  static boolean parentSeesWatch(String path) {
    return path.contains("watch");
  }

  /** Number of watches open; for tests that check closed ones are let go. */
  final int openWatches() {
    return watches.size();
  }

  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
    return index.first(attributes);
  }

  @Override
  public long requestResourceVersion() {
    resourceVersion = super.requestResourceVersion();
    return resourceVersion;
  }

  /**
   * Every change to the parent's map: the parent removes {@code oldAttributes} and stores {@code
   * newState} under attributes it extracts from the object; the index makes the same remove and
   * put, and the watches get the events. The attributes are extracted here as the parent does, from
   * one parse of the object that the parent is then handed, so it need not parse it again.
   */
  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newState) {
    String existing = oldAttributes == null ? null : map.get(oldAttributes);
    GenericKubernetesResource object = resource;
    AttributeSet newAttributes = null;
    if (newState != null) {
      KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) attributeExtractor;
      if (object == null && !newState.isEmpty()) {
        object = Serialization.unmarshal(newState, GenericKubernetesResource.class);
      }
      newAttributes = object != null ? extractor.extract(object) : extractor.fromResource(newState);
      if (!newAttributes.containsKey(KubernetesAttributesExtractor.PLURAL)) {
        newAttributes = AttributeSet.merge(pathAttributes, newAttributes);
      }
    }
    super.processEvent(path, pathAttributes, oldAttributes, object, newState);
    index.remove(oldAttributes);
    if (newState != null) {
      index.put(newAttributes, newState);
    }
    if (!Objects.equals(existing, newState)) {
      watches.changed(oldAttributes, newAttributes, existing, newState);
      changed(oldAttributes, newAttributes);
    }
  }

  /**
   * The parent's DELETE ({@code handle(path, processDelete)}), from the index: every object the
   * path matches is deleted, or only marked for deletion while it has finalizers, and the answer is
   * the parent's (the object as it was, or the list of them).
   */
  @Override
  public MockResponse handleDelete(String path) {
    AttributeSet query = attributeExtractor.fromPath(path);
    List<String> deleted = new ArrayList<>();
    for (Map.Entry<AttributeSet, String> entry : index.matches(query)) {
      deleted.add(entry.getValue());
      delete(path, query, entry.getKey());
    }
    if (query.containsKey(KubernetesAttributesExtractor.NAME)) {
      return deleted.isEmpty()
          ? new MockResponse().setResponseCode(404)
          : new MockResponse().setResponseCode(200).setBody(deleted.get(0));
    }
    return new MockResponse()
        .setResponseCode(200)
        .setBody(
            ((KubernetesResponseComposer) responseComposer)
                .compose(deleted, String.valueOf(resourceVersion)));
  }

  /** The parent's private {@code processDelete}, as it is. */
  private void delete(String path, AttributeSet pathAttributes, AttributeSet oldAttributes) {
    GenericKubernetesResource resource =
        Serialization.unmarshal(map.get(oldAttributes), GenericKubernetesResource.class);
    if (resource.getFinalizers().isEmpty()) {
      processEvent(path, pathAttributes, oldAttributes, null, null);
    } else if (!resource.isMarkedForDeletion()) {
      resource
          .getMetadata()
          .setDeletionTimestamp(
              ZonedDateTime.now(ZoneOffset.UTC)
                  .truncatedTo(ChronoUnit.SECONDS)
                  .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
      resource.getMetadata().setResourceVersion(String.valueOf(requestResourceVersion()));
      processEvent(path, pathAttributes, oldAttributes, resource, Serialization.asJson(resource));
    }
  }

  /**
   * The parent's watch ({@code handleWatch}), with its query: the path's, plus the name of a field
   * selector on metadata.name as the parent reads it.
   */
  @Override
  public MockResponse handleWatch(String path) {
    AttributeSet query = attributeExtractor.fromPath(path);
    String name = watchedName(path);
    if (name != null) {
      query = query.add(new Attribute(KubernetesAttributesExtractor.NAME, name));
    }
    return new MockResponse().withWebSocketUpgrade(watches.watch(query, this::opened));
  }

  /** A watch's socket opened: from now on it gets events, starting with every object it matches. */
  private void opened(StoreWatches.Watch watch) {
    lock.readLock().lock();
    try {
      watches.register(watch);
      for (Map.Entry<AttributeSet, String> entry : index.matches(watch.query())) {
        watch.send(watches.added(entry.getValue()));
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void reset() {
    lock.writeLock().lock();
    try {
      super.reset();
      index.clear();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The parent's private {@code fetchResourceNameFromWatchRequestPath}, as it is. */
  private static String watchedName(String path) {
    String queryString;
    try {
      queryString = new URI(path).getQuery();
    } catch (URISyntaxException e) {
      return null;
    }
    if (queryString == null || queryString.isEmpty()) {
      return null;
    }
    String name = "";
    for (String q : queryString.split("&")) {
      if (q.contains("fieldSelector") && q.contains("metadata.name")) {
        String[] s = q.split("=");
        name = s[s.length - 1];
      }
    }
    return name.isEmpty() ? null : name;
  }
}
