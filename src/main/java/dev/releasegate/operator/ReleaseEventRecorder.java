package dev.releasegate.operator;

import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.lifecycle.ReleaseEvent;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a decision's events as Kubernetes Events on the release, so {@code kubectl describe} and
 * {@code kubectl get events} tell the story. Fabric8 has no event recorder; this is the small part
 * of one the operator needs. Losing an Event must never fail a reconcile.
 */
public final class ReleaseEventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(ReleaseEventRecorder.class);
  private static final int MAX_MESSAGE = 1024;

  private final KubernetesClient client;
  private final Clock clock;
  private final String component;
  private final String instance;
  private final AtomicLong sequence = new AtomicLong();

  /**
   * @param component who reports the events ({@code releasegate} for the operator)
   * @param instance which process of it, for example the pod name
   */
  public ReleaseEventRecorder(
      KubernetesClient client, Clock clock, String component, String instance) {
    this.client = client;
    this.clock = clock;
    this.component = component;
    this.instance = instance;
  }

  public void record(ModelRelease release, List<ReleaseEvent> events) {
    for (ReleaseEvent event : events) {
      // The reason only: the message can quote evidence, and the Event itself carries it.
      LOG.info("Event {} {}", event.type(), event.reason());
      try {
        client
            .v1()
            .events()
            .inNamespace(release.getMetadata().getNamespace())
            .resource(toEvent(release, event))
            .create();
      } catch (KubernetesClientException e) {
        LOG.warn("Could not record event {}: {}", event.reason(), e.getMessage());
      }
    }
  }

  private Event toEvent(ModelRelease release, ReleaseEvent event) {
    String now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    String message =
        event.message().length() > MAX_MESSAGE
            ? event.message().substring(0, MAX_MESSAGE - 1) + "…"
            : event.message();
    return new EventBuilder()
        .withNewMetadata()
        .withName(
            release.getMetadata().getName()
                + "."
                + Long.toHexString(clock.millis())
                + Long.toHexString(sequence.incrementAndGet()))
        .withNamespace(release.getMetadata().getNamespace())
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion(release.getApiVersion())
        .withKind(release.getKind())
        .withName(release.getMetadata().getName())
        .withNamespace(release.getMetadata().getNamespace())
        .withUid(release.getMetadata().getUid())
        .withResourceVersion(release.getMetadata().getResourceVersion())
        .endInvolvedObject()
        .withType(event.type().name())
        .withReason(event.reason())
        .withMessage(message)
        .withCount(1)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withNewSource()
        .withComponent(component)
        .endSource()
        .withReportingComponent(component)
        .withReportingInstance(instance)
        .build();
  }
}
