package dev.releasegate.traffic;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.ModelRelease;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Optional;

/**
 * The objects releasegate creates and owns for a release, Deployments and Services: their
 * informers, shared by every router that creates them, and how they are written.
 */
public final class OwnedObjects {
  static final String FIELD_MANAGER = "releasegate";
  private static final String OWNED = ObjectNames.MANAGED_BY + "=" + ObjectNames.MANAGER;

  private OwnedObjects() {}

  /** Informers for the Deployments and Services releasegate labels as its own. */
  public static List<EventSource<?, ModelRelease>> eventSources(
      EventSourceContext<ModelRelease> context) {
    return List.of(
        new InformerEventSource<>(
            LeanInformerStore.lean(
                    InformerEventSourceConfiguration.from(Deployment.class, ModelRelease.class),
                    context)
                .withLabelSelector(OWNED)
                .build(),
            context),
        new InformerEventSource<>(
            LeanInformerStore.lean(
                    InformerEventSourceConfiguration.from(Service.class, ModelRelease.class),
                    context)
                .withLabelSelector(OWNED)
                .build(),
            context));
  }

  /** One of the release's Services, from the informer's cache. */
  public static Optional<Service> service(Context<ModelRelease> context, String name) {
    return context.getSecondaryResources(Service.class).stream()
        .filter(s -> s.getMetadata().getName().equals(name))
        .findFirst();
  }

  /** Server-side apply, then tell the informer so the next reconcile sees the write at once. */
  public static <R extends HasMetadata> R write(
      R desired, R existing, Context<ModelRelease> context, Class<R> type) {
    R written =
        context
            .getClient()
            .resource(desired)
            .fieldManager(FIELD_MANAGER)
            .forceConflicts()
            .serverSideApply();
    var source =
        (InformerEventSource<R, ModelRelease>)
            context.eventSourceRetriever().getEventSourceFor(type);
    if (existing == null) {
      source.handleRecentResourceCreate(ResourceID.fromResource(written), written);
    } else {
      source.handleRecentResourceUpdate(ResourceID.fromResource(written), written, existing);
    }
    return written;
  }
}
