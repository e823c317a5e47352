package dev.releasegate.traffic;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import java.util.Optional;
import java.util.Set;

/**
 * An informer's store that drops {@code metadata.managedFields} from each object as it is cached,
 * as controller-runtime's {@code TransformStripManagedFields} does. The operator never reads them,
 * and they are the largest part of what it caches: every object it writes by server-side apply
 * carries a tree of every field it set (a Deployment's is bigger than its spec), and the
 * benchmark's heap histogram showed those trees as most of the live heap per release. Fabric8 and
 * JOSDK have no transform of cached objects, so this small store is written here.
 *
 * <p>JOSDK hands one store instance to the informer of every namespace it watches, and a relist of
 * one namespace would drop the others' objects from a shared store; so the store is used only when
 * a single informer runs (all namespaces, or one).
 */
public final class LeanInformerStore<R extends HasMetadata> extends BasicItemStore<R> {

  private LeanInformerStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  /** A store for an informer over {@code namespaces}, when it is safe to use one. */
  public static <R extends HasMetadata> Optional<ItemStore<R>> forNamespaces(
      Set<String> namespaces) {
    return namespaces.size() <= 1 ? Optional.of(new LeanInformerStore<>()) : Optional.empty();
  }

  /** The event source's informer, lean when it watches the controller's single namespace set. */
  public static <R extends HasMetadata> InformerEventSourceConfiguration.Builder<R> lean(
      InformerEventSourceConfiguration.Builder<R> informer, EventSourceContext<?> context) {
    LeanInformerStore.<R>forNamespaces(
            context.getControllerConfiguration().getInformerConfig().getNamespaces())
        .ifPresent(informer::withItemStore);
    return informer;
  }

  @Override
  public R put(String key, R object) {
    object.getMetadata().setManagedFields(null);
    return super.put(key, object);
  }
}
