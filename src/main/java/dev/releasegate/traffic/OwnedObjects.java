package dev.releasegate.traffic;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.Reason;
import dev.releasegate.lifecycle.TrafficBlock;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

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

  /** One of the release's own Services, from the informer's cache. */
  public static Optional<Service> service(Context<ModelRelease> context, String name) {
    return owned(context, Service.class).stream()
        .filter(s -> s.getMetadata().getName().equals(name))
        .findFirst();
  }

  /**
   * The objects of a type this very release controls. The informer maps an object to a release by
   * the owner's name, so a Deployment left by an earlier ModelRelease of the same name (deleted,
   * its objects not yet collected) is among the secondary resources too: only the owner's uid tells
   * them apart.
   */
  public static <R extends HasMetadata> List<R> owned(
      Context<ModelRelease> context, Class<R> type) {
    ModelRelease release = context.getPrimaryResource();
    return context.getSecondaryResources(type).stream()
        .filter(object -> controlledBy(object, release))
        .toList();
  }

  /**
   * Why the router must not act, when an object named for this release is controlled by something
   * else: an earlier ModelRelease of the same name whose objects the garbage collector has not yet
   * removed. Its pods carry this release's labels, so serving beside them would mix two releases.
   */
  public static Optional<TrafficBlock> notOwned(
      ModelRelease release, Context<ModelRelease> context) {
    return Stream.concat(
            context.getSecondaryResources(Deployment.class).stream(),
            context.getSecondaryResources(Service.class).stream())
        .filter(object -> !controlledBy(object, release))
        .findFirst()
        .map(object -> notOwned(object, release));
  }

  /**
   * Server-side apply, then tell the informer so the next reconcile sees the write at once. An
   * object the informer does not know is read first: apply would take over one of that name that
   * someone else made (a hand-made Service, another release's track Service), and releasegate never
   * adopts what it did not create for this release.
   */
  public static <R extends HasMetadata> R write(
      R desired, R existing, Context<ModelRelease> context, Class<R> type) {
    ModelRelease release = context.getPrimaryResource();
    if (existing == null) {
      R found = context.getClient().resource(desired).get();
      if (found != null && !controlledBy(found, release)) {
        throw new NotOwnedObject(notOwned(found, release));
      }
    }
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

  private static boolean controlledBy(HasMetadata object, ModelRelease release) {
    return controller(object)
        .map(owner -> owner.getUid().equals(release.getMetadata().getUid()))
        .orElse(false);
  }

  private static Optional<OwnerReference> controller(HasMetadata object) {
    List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
    return owners == null
        ? Optional.empty()
        : owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst();
  }

  private static TrafficBlock notOwned(HasMetadata found, ModelRelease release) {
    String what = found.getKind() + " " + found.getMetadata().getName();
    String delete =
        "kubectl delete "
            + found.getKind().toLowerCase(Locale.ROOT)
            + " "
            + found.getMetadata().getName()
            + " -n "
            + found.getMetadata().getNamespace();
    String name = release.getMetadata().getName();
    Optional<OwnerReference> owner = controller(found);
    String whose;
    Map<String, String> labels =
        Objects.requireNonNullElse(found.getMetadata().getLabels(), Map.of());
    if (owner.isEmpty()
        && ObjectNames.MANAGER.equals(labels.get(ObjectNames.MANAGED_BY))
        && ObjectNames.releaseLabel(name).equals(labels.get(ObjectNames.RELEASE))) {
      whose =
          " was left by an earlier ModelRelease "
              + name
              + " that was deleted with its objects orphaned (--cascade=orphan). Remove it if it"
              + " is not wanted: "
              + delete
              + ".";
    } else if (owner.isEmpty()) {
      whose =
          " was not created by releasegate for this release. Rename the release, or remove the "
              + found.getKind()
              + " if it is not wanted: "
              + delete
              + ".";
    } else if (owner.get().getKind().equals(release.getKind())
        && owner.get().getName().equals(name)) {
      whose =
          " belongs to an earlier ModelRelease "
              + name
              + " (uid "
              + owner.get().getUid()
              + ") that was deleted. The garbage collector removes it soon and this release goes"
              + " on once it is gone; if it stays, delete it: "
              + delete
              + ".";
    } else {
      whose =
          " belongs to "
              + owner.get().getKind()
              + " "
              + owner.get().getName()
              + ". Rename this release, or free the name there.";
    }
    return new TrafficBlock(
        Reason.ObjectNotOwned,
        what
            + " in namespace "
            + found.getMetadata().getNamespace()
            + whose
            + " releasegate never adopts, changes or scales an object it did not create for this"
            + " release; nothing was changed, and it looks again every minute.");
  }
}
