package dev.releasegate.demo;

import dev.releasegate.api.v1alpha1.ModelRelease;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every release on one screen, updated as the operator works: phase, stable and canary versions,
 * weight, gates and the last event. On a terminal it redraws a table in place; otherwise (a pipe, a
 * log file) it prints one line each time a release's row changes, and the caller prints the header
 * once.
 */
final class LiveView implements AutoCloseable {
  private static final String CLEAR = "\033[H\033[2J";

  private final KubernetesClient client;
  private final PrintStream out;
  private final boolean terminal;
  private final String header;

  /** Per release, the newest event seen so far: resourceVersion, then "Reason: message". */
  private final Map<String, Map.Entry<Long, String>> lastEvents = new ConcurrentHashMap<>();

  private final Map<String, String> printed = new HashMap<>();
  private final AtomicBoolean dirty = new AtomicBoolean(true);
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "live-view");
            thread.setDaemon(true);
            return thread;
          });
  private SharedIndexInformer<ModelRelease> releases;
  private SharedIndexInformer<Event> events;

  LiveView(KubernetesClient client, PrintStream out, boolean terminal, String header) {
    this.client = client;
    this.out = out;
    this.terminal = terminal;
    this.header = header;
  }

  LiveView start() {
    events = client.v1().events().inAnyNamespace().inform(new OnChange<>(this::remember));
    releases =
        client.resources(ModelRelease.class).inAnyNamespace().inform(new OnChange<>(r -> {}));
    ticker.scheduleWithFixedDelay(this::refresh, 0, 200, TimeUnit.MILLISECONDS);
    return this;
  }

  private void remember(Event event) {
    if (event.getInvolvedObject() == null
        || !"ModelRelease".equals(event.getInvolvedObject().getKind())) {
      return;
    }
    // Informers list existing events in no particular order; keep the newest one.
    long version = resourceVersion(event);
    lastEvents.merge(
        event.getInvolvedObject().getNamespace() + "/" + event.getInvolvedObject().getName(),
        // A message may put each command on a line of its own; a row is one line.
        Map.entry(
            version,
            event.getReason()
                + ": "
                + String.valueOf(event.getMessage()).replaceAll("\\s*\n\\s*", " ")),
        (old, seen) -> seen.getKey() >= old.getKey() ? seen : old);
  }

  private static long resourceVersion(Event event) {
    try {
      return Long.parseLong(event.getMetadata().getResourceVersion());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private String lastEvent(ModelRelease release) {
    var last =
        lastEvents.get(
            release.getMetadata().getNamespace() + "/" + release.getMetadata().getName());
    return last == null ? null : last.getValue();
  }

  private void refresh() {
    if (!dirty.getAndSet(false)) {
      return;
    }
    List<ReleaseRow> rows =
        releases.getStore().list().stream()
            .map(r -> ReleaseRow.of(r, lastEvent(r)))
            .sorted(Comparator.comparing(ReleaseRow::namespace).thenComparing(ReleaseRow::name))
            .toList();
    if (terminal) {
      out.print(CLEAR + header + "\n" + ReleaseTable.render(rows, width()));
    } else {
      for (ReleaseRow row : rows) {
        String line = row.asLine();
        if (!line.equals(printed.put(row.namespace() + "/" + row.name(), line))) {
          out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
        }
      }
    }
    out.flush();
  }

  private static int width() {
    try {
      return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "160"));
    } catch (NumberFormatException e) {
      return 160;
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    if (releases != null) {
      releases.close();
    }
    if (events != null) {
      events.close();
    }
  }

  /** Marks the view dirty on every change, after letting {@code onSeen} look at the object. */
  private final class OnChange<T> implements ResourceEventHandler<T> {
    private final java.util.function.Consumer<T> onSeen;

    OnChange(java.util.function.Consumer<T> onSeen) {
      this.onSeen = onSeen;
    }

    @Override
    public void onAdd(T obj) {
      onSeen.accept(obj);
      dirty.set(true);
    }

    @Override
    public void onUpdate(T oldObj, T newObj) {
      onSeen.accept(newObj);
      dirty.set(true);
    }

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
      dirty.set(true);
    }
  }
}
