package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SelectedWatchEventsTest {

  private final SelectedWatchEvents events =
      new SelectedWatchEvents(FieldSelector.parse("spec.size=small"));

  @Test
  void sendsOnlyObjectsThatMatch() {
    assertThat(type(events.admit(event("ADDED", "w1", "small")))).contains("ADDED");
    assertThat(events.admit(event("ADDED", "w2", "large"))).isEmpty();
    assertThat(type(events.admit(event("MODIFIED", "w1", "small")))).contains("MODIFIED");
    assertThat(events.admit(event("MODIFIED", "w2", "large"))).isEmpty();
    assertThat(events.admit(event("DELETED", "w2", "large"))).isEmpty();
  }

  @Test
  void anObjectThatStopsMatchingIsDeletedAndOneThatStartsIsAdded() {
    events.admit(event("ADDED", "w1", "small"));
    events.admit(event("ADDED", "w2", "large"));

    assertThat(type(events.admit(event("MODIFIED", "w1", "large")))).contains("DELETED");
    assertThat(type(events.admit(event("MODIFIED", "w2", "small")))).contains("ADDED");
    assertThat(type(events.admit(event("DELETED", "w2", "small")))).contains("DELETED");
    assertThat(events.admit(event("DELETED", "w1", "large"))).isEmpty();
  }

  @Test
  void keepsTheEventAsItWasWhenItsTypeStands() {
    String added = event("ADDED", "w1", "small");

    assertThat(events.admit(added)).contains(added);
  }

  @Test
  void passesBookmarksErrorsAndWhatItCannotRead() {
    String bookmark = "{\"type\":\"BOOKMARK\",\"object\":{\"metadata\":{}}}";

    assertThat(events.admit(bookmark)).contains(bookmark);
    assertThat(events.admit("not json")).contains("not json");
  }

  private static String event(String type, String name, String size) {
    return """
        {"type":"%s","object":{"kind":"Widget","metadata":{"name":"%s","namespace":"ns1"},\
        "spec":{"size":"%s"}}}"""
        .formatted(type, name, size);
  }

  private static Optional<String> type(Optional<String> event) {
    return event.map(e -> e.replaceAll(".*\"type\":\"([A-Z]+)\".*", "$1"));
  }
}
