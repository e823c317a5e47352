package dev.releasegate.traffic;

import dev.releasegate.api.v1alpha1.ModelRelease;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The informer for one kind a router routes through but does not own (HTTPRoutes,
 * InferenceServices). Releases name these objects; nothing labels or owns them for releasegate, so
 * an event on one is mapped to every release in its namespace that names it.
 *
 * <p>The informer is registered with the controller at run time, the first time a release needs it
 * and only once the cluster's discovery serves the kind. An operator on a cluster without Gateway
 * API or KServe starts and runs every other release, needs no permission on kinds it does not use,
 * and picks a CRD installed later up on the next look (a discovery check at start-up would miss
 * it).
 */
public final class TargetInformer<R extends HasMetadata> {
  private final String apiVersion;
  private final String kind;
  private final Supplier<InformerEventSourceConfiguration.Builder<R>> configuration;
  private final Function<ModelRelease, String> targetName;
  private volatile InformerEventSource<R, ModelRelease> source;

  /**
   * @param apiVersion the kind's group and version, as discovery serves it
   * @param kind the kind
   * @param configuration a fresh informer configuration for the kind
   * @param targetName the name of the object a release routes through, or null
   */
  public TargetInformer(
      String apiVersion,
      String kind,
      Supplier<InformerEventSourceConfiguration.Builder<R>> configuration,
      Function<ModelRelease, String> targetName) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.configuration = configuration;
    this.targetName = targetName;
  }

  /** Whether the cluster serves the kind; the first time it does, the informer starts and syncs. */
  public boolean served(Context<ModelRelease> context) {
    if (source != null) {
      return true;
    }
    synchronized (this) {
      if (source == null) {
        if (!context.getClient().supports(apiVersion, kind)) {
          return false;
        }
        source = register(context);
      }
      return true;
    }
  }

  /** The object from the informer's cache; only after {@link #served} said yes. */
  public Optional<R> get(String namespace, String name) {
    return source.get(new ResourceID(name, namespace));
  }

  /** Puts the router's own write in the cache, so the next reconcile sees it at once. */
  public void wrote(R written, R before) {
    source.handleRecentResourceUpdate(ResourceID.fromResource(written), written, before);
  }

  private InformerEventSource<R, ModelRelease> register(Context<ModelRelease> context) {
    var retriever = context.eventSourceRetriever();
    EventSourceContext<ModelRelease> sources = retriever.eventSourceContextForDynamicRegistration();
    var config =
        LeanInformerStore.lean(configuration.get(), sources)
            .withName(kind)
            .withNamespacesInheritedFromController()
            .withSecondaryToPrimaryMapper(object -> releasesNaming(sources, object))
            .build();
    return (InformerEventSource<R, ModelRelease>)
        retriever.dynamicallyRegisterEventSource(new InformerEventSource<>(config, sources));
  }

  private Set<ResourceID> releasesNaming(EventSourceContext<ModelRelease> sources, R object) {
    String namespace = object.getMetadata().getNamespace();
    String name = object.getMetadata().getName();
    return sources
        .getPrimaryCache()
        .list(namespace, release -> Objects.equals(name, targetName.apply(release)))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }
}
