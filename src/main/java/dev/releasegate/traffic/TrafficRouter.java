package dev.releasegate.traffic;

import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.lifecycle.TrafficState;
import dev.releasegate.lifecycle.TrafficTarget;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

/**
 * How a weight becomes traffic. The lifecycle decides weights; a router owns the objects that
 * realise them and reports what is really in force. One implementation per router.
 */
public interface TrafficRouter {

  /** Informers for the objects this router owns, so their changes trigger a reconcile. */
  List<EventSource<?, ModelRelease>> eventSources(EventSourceContext<ModelRelease> context);

  /** What is in force now, read from the informer caches (no API calls). */
  TrafficState observe(ModelRelease release, Context<ModelRelease> context);

  /** Makes the target true, writing only what differs from what is in force. */
  void apply(ModelRelease release, TrafficTarget target, Context<ModelRelease> context);
}
