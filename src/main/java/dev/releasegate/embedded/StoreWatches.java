package dev.releasegate.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.Watcher.Action;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The store's open watches, over WebSocket or plain HTTP ({@link HttpWatchStream}), and the events
 * a change to the store sends them: the mock's watches ({@code WatchEventsListener}) with the same
 * events, at a cost that does not grow with every watch open.
 *
 * <p>The mock's listener is package-private and cannot be reused: it turns the changed object into
 * a WatchEvent once for every watch that matches (a parse and a serialisation each), it tests each
 * change against every watch of every resource, and it starts a thread per watch to send through.
 * Here the watches are kept by the resource they watch, each event is serialised once whoever
 * receives it, and events are sent by the thread that made the change, which holds the store's
 * write lock: per watch they go out in the order of the changes, as the mock's single-thread
 * executor per watch sent them. Which watch gets which event (ADDED, MODIFIED, DELETED by whether
 * the old and the new attributes match its query) and the JSON sent are the mock's.
 *
 * <p>Watches are added and removed on the server's event loop while changes run under the
 * dispatcher's write lock, hence the concurrent sets.
 */
final class StoreWatches {

  private final ObjectMapper mapper;

  /** Watches by the one resource (plural) they require; the others in {@link #anyResource}. */
  private final Map<String, Set<Watch>> byResource = new ConcurrentHashMap<>();

  private final Set<Watch> anyResource = ConcurrentHashMap.newKeySet();

  StoreWatches(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * A watch of the objects {@code query} matches, for the mock to upgrade a request with. When its
   * socket opens, {@code onOpen} is called to register it (with {@link #register}) and send the
   * current objects, under the store's lock.
   */
  Watch watch(AttributeSet query, Consumer<Watch> onOpen) {
    return new Watch(query, onOpen);
  }

  /** From now on, {@code watch} gets the events of changes. */
  void register(Watch watch) {
    String resource = StoreIndex.required(watch.query, KubernetesAttributesExtractor.PLURAL);
    if (resource == null) {
      anyResource.add(watch);
    } else {
      byResource.computeIfAbsent(resource, r -> ConcurrentHashMap.newKeySet()).add(watch);
    }
  }

  /** Number of registered watches; for tests that check closed watches are let go. */
  int size() {
    return anyResource.size() + byResource.values().stream().mapToInt(Set::size).sum();
  }

  /**
   * Sends the events of one change to the store to the watches it concerns, as the mock's {@code
   * processEvent} does. Called under the store's write lock, only when the stored JSON changed.
   *
   * @param oldKey the attributes the object was stored under, or null if it is new
   * @param newKey the attributes it is stored under now, or null if it was removed
   * @param existing the JSON stored before, or null
   * @param newState the JSON stored now, or null
   */
  void changed(AttributeSet oldKey, AttributeSet newKey, String existing, String newState) {
    Map<Action, String> events = new EnumMap<>(Action.class);
    for (Watch watch : concerned(oldKey, newKey)) {
      boolean matchesOld = oldKey != null && oldKey.matches(watch.query);
      boolean matchesNew = newKey != null && newKey.matches(watch.query);
      if (matchesOld && matchesNew) {
        watch.send(events.computeIfAbsent(Action.MODIFIED, a -> event(newState, a)));
      } else if (matchesOld) {
        watch.send(events.computeIfAbsent(Action.DELETED, a -> event(existing, a)));
      } else if (matchesNew) {
        watch.send(events.computeIfAbsent(Action.ADDED, a -> event(newState, a)));
      }
    }
  }

  /** The ADDED event a watch is sent, when it opens, for an object already stored. */
  String added(String object) {
    return event(object, Action.ADDED);
  }

  /** The watches that could match the old or the new attributes: those of their resource. */
  private Iterable<Watch> concerned(AttributeSet oldKey, AttributeSet newKey) {
    Set<Watch> concerned = new LinkedHashSet<>(anyResource);
    for (AttributeSet key : new AttributeSet[] {oldKey, newKey}) {
      if (key == null || key.getAttribute(KubernetesAttributesExtractor.PLURAL) == null) {
        continue; // no resource: only a watch that requires none can match it
      }
      String resource = StoreIndex.literal(key, KubernetesAttributesExtractor.PLURAL);
      if (resource == null) {
        // A wildcard or several values, which any watch might match (never seen in practice).
        byResource.values().forEach(concerned::addAll);
      } else {
        concerned.addAll(byResource.getOrDefault(resource, Set.of()));
      }
    }
    return concerned;
  }

  /** The event as the mock's listener writes it: the object read back through the model. */
  private String event(String object, Action action) {
    try {
      return mapper.writeValueAsString(
          new WatchEvent(
              Serialization.unmarshal(object, GenericKubernetesResource.class), action.name()));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void unregister(Watch watch) {
    anyResource.remove(watch);
    byResource.values().forEach(watches -> watches.remove(watch));
  }

  /** One open watch: the mock's WebSocket listener, without a thread of its own. */
  final class Watch extends WebSocketListener {
    private final AttributeSet query;
    private final Consumer<Watch> onOpen;
    private volatile WebSocket socket;

    private Watch(AttributeSet query, Consumer<Watch> onOpen) {
      this.query = query;
      this.onOpen = onOpen;
    }

    AttributeSet query() {
      return query;
    }

    /** Sends one event; before the socket opens there is no one to send it to. */
    void send(String event) {
      WebSocket open = socket;
      if (open != null) {
        open.send(event);
      }
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      socket = webSocket;
      onOpen.accept(this);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      WebSocket open = socket;
      if (open != null) {
        open.close(code, reason);
      }
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      WebSocket open = socket;
      if (open != null) {
        open.close(code, reason);
      }
      unregister(this);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable error, Response response) {
      webSocket.close(1000, error.getMessage());
      unregister(this);
    }
  }
}
