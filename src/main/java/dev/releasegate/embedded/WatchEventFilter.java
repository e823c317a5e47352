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
   * every event after them is a change. Returns an event to send the client now, if any.
   */
  default Optional<String> initialEventsSent() {
    return Optional.empty();
  }

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
      public Optional<String> initialEventsSent() {
        // An event a step sends passes through the steps after it, as any other event does.
        Optional<String> sent = Optional.empty();
        for (WatchEventFilter step : steps) {
          Optional<String> own = step.initialEventsSent();
          sent = own.isPresent() ? own : sent.flatMap(step::admit);
        }
        return sent;
      }
    };
  }
}
