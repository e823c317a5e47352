package dev.releasegate.embedded;

import java.util.List;
import java.util.Optional;

/**
 * One step that a watch's events pass through on their way to the client: each event is a JSON
 * WatchEvent as the store sends it, and the step sends it on, changed or not, or drops it. Steps
 * are chained by {@link FilteredWatch}.
 */
interface WatchEventFilter {

  /** The event to send in place of {@code event}, or empty to drop it. */
  Optional<String> admit(String event);

  /**
   * Called once the watch has been sent its initial events (the objects stored when it opened);
   * every event after this one is a change.
   */
  default void initialEventsSent() {}

  /** The steps in order: each one's output is the next one's input. */
  static WatchEventFilter chain(List<WatchEventFilter> steps) {
    return new WatchEventFilter() {
      @Override
      public Optional<String> admit(String event) {
        Optional<String> admitted = Optional.of(event);
        for (WatchEventFilter step : steps) {
          admitted = admitted.flatMap(step::admit);
        }
        return admitted;
      }

      @Override
      public void initialEventsSent() {
        steps.forEach(WatchEventFilter::initialEventsSent);
      }
    };
  }
}
