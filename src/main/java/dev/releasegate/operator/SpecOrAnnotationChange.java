package dev.releasegate.operator;

import dev.releasegate.api.v1alpha1.ModelRelease;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Reconcile on a spec change or an annotation change, and not on the operator's own status writes.
 * Sign-offs and the kill switch are annotations, which do not bump metadata.generation, so JOSDK's
 * generation-aware filtering would ignore the one change an incident depends on.
 */
public final class SpecOrAnnotationChange implements OnUpdateFilter<ModelRelease> {
  @Override
  public boolean accept(ModelRelease updated, ModelRelease old) {
    return !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
        || !Objects.equals(
            updated.getMetadata().getAnnotations(), old.getMetadata().getAnnotations())
        || !Objects.equals(
            updated.getMetadata().getDeletionTimestamp(), old.getMetadata().getDeletionTimestamp());
  }
}
