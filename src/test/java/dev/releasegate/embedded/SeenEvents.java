package dev.releasegate.embedded;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** What an informer's handler saw, in order: "ADDED name", "MODIFIED name", "DELETED name". */
final class SeenEvents<T extends HasMetadata> implements ResourceEventHandler<T> {
  final Queue<String> seen = new ConcurrentLinkedQueue<>();

  @Override
  public void onAdd(T obj) {
    seen.add("ADDED " + obj.getMetadata().getName());
  }

  @Override
  public void onUpdate(T oldObj, T newObj) {
    seen.add("MODIFIED " + newObj.getMetadata().getName());
  }

  @Override
  public void onDelete(T obj, boolean deletedFinalStateUnknown) {
    seen.add("DELETED " + obj.getMetadata().getName());
  }
}
