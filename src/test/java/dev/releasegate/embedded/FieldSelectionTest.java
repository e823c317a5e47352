package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.EventList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Field selectors through the Fabric8 client: on lists, on WebSocket watches and on deletes. */
@Integration
class FieldSelectionTest extends EmbeddedApiTestSupport {

  private final String ns = newNamespace();

  @Test
  void listsTheEventsOfOneObject() {
    GenericKubernetesResource w1 = widgets().resource(widget(ns, "w1", Map.of())).create();
    createEvent("e1", "w1", w1.getMetadata().getUid(), "Created");
    createEvent("e2", "w2", "Created");

    EventList byName =
        client.v1().events().inNamespace(ns).withField("involvedObject.name", "w1").list();
    EventList byReference =
        client
            .v1()
            .events()
            .inNamespace(ns)
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withKind("Widget")
                    .withName("w1")
                    .withNamespace(ns)
                    .withUid(w1.getMetadata().getUid())
                    .build())
            .list();
    EventList notFromW1 =
        client.v1().events().inNamespace(ns).withoutField("involvedObject.name", "w1").list();

    assertThat(names(byName.getItems())).containsExactly("e1");
    assertThat(names(byReference.getItems())).containsExactly("e1");
    assertThat(names(notFromW1.getItems())).containsExactly("e2");
  }

  @Test
  void namesListsAfterTheirKindAndGroup() {
    createEvent("e1", "w1", "Created");

    EventList events = client.v1().events().inNamespace(ns).list();
    DeploymentList deployments = client.apps().deployments().inNamespace(ns).list();

    assertThat(events.getApiVersion()).isEqualTo("v1");
    assertThat(events.getKind()).isEqualTo("EventList");
    assertThat(deployments.getApiVersion()).isEqualTo("apps/v1");
    assertThat(deployments.getKind()).isEqualTo("DeploymentList");
    assertThat(widgets().inNamespace(ns).list().getKind()).isEqualTo("WidgetList");
  }

  @Test
  void aWatchSeesOnlyTheSelectedObjectsAndLosesThoseThatStopMatching() {
    SeenEvents<Event> events = new SeenEvents<>();
    try (SharedIndexInformer<Event> informer =
        client
            .v1()
            .events()
            .inNamespace(ns)
            .withField("involvedObject.name", "w1")
            .inform(events)) {
      createEvent("other", "w2", "Created");
      createEvent("mine", "w1", "Created");
      // Events arrive in order, so "other" was filtered out if "mine" comes alone.
      await().atMost(Duration.ofSeconds(5)).until(() -> events.seen.contains("ADDED mine"));
      assertThat(events.seen).containsExactly("ADDED mine");

      client
          .v1()
          .events()
          .inNamespace(ns)
          .withName("mine")
          .edit(
              e ->
                  new EventBuilder(e)
                      .editInvolvedObject()
                      .withName("w3")
                      .endInvolvedObject()
                      .build());
      await().atMost(Duration.ofSeconds(5)).until(() -> events.seen.contains("DELETED mine"));
      assertThat(informer.getStore().list()).isEmpty();
    }
  }

  @Test
  void aWatchOfOneObjectByNameStillWorks() {
    SeenEvents<GenericKubernetesResource> events = new SeenEvents<>();
    try (SharedIndexInformer<GenericKubernetesResource> informer =
        widgets().inNamespace(ns).withName("w1").inform(events)) {
      widgets().resource(widget(ns, "w2", Map.of())).create();
      widgets().resource(widget(ns, "w1", Map.of())).create();

      await().atMost(Duration.ofSeconds(5)).until(() -> events.seen.contains("ADDED w1"));
      assertThat(events.seen).containsExactly("ADDED w1");
      assertThat(names(informer.getStore().list())).containsExactly("w1");
    }
  }

  @Test
  void deletesOnlyTheSelectedObjects() {
    createEvent("e1", "w1", "Created");
    createEvent("e2", "w1", "Promoted");
    createEvent("e3", "w2", "Created");

    client.v1().events().inNamespace(ns).withField("involvedObject.name", "w1").delete();

    assertThat(names(client.v1().events().inNamespace(ns).list().getItems())).containsExactly("e3");
  }

  private void createEvent(String name, String widget, String reason) {
    createEvent(name, widget, null, reason);
  }

  private void createEvent(String name, String widget, String widgetUid, String reason) {
    client
        .v1()
        .events()
        .inNamespace(ns)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(WIDGET_API_VERSION)
                .withKind("Widget")
                .withName(widget)
                .withNamespace(ns)
                .withUid(widgetUid)
                .endInvolvedObject()
                .withType("Normal")
                .withReason(reason)
                .withMessage(reason + " " + widget)
                .build())
        .create();
  }

  private static List<String> names(List<? extends HasMetadata> objects) {
    return objects.stream().map(o -> o.getMetadata().getName()).toList();
  }
}
