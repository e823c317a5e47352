package dev.releasegate.traffic;

import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.lifecycle.TrafficState;
import dev.releasegate.lifecycle.TrafficTarget;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * How a weight becomes traffic. The lifecycle decides weights; a router owns the objects that
 * realise them and reports what is really in force, or why it cannot act. One implementation per
 * router; {@link TrafficRouters} picks one per release.
 */
public interface TrafficRouter {

  /**
   * What is in force now, read from informer caches (a router may check once whether the cluster
   * serves the kind it routes through). A router that cannot act reports {@link
   * TrafficState#blocked}.
   */
  TrafficState observe(ModelRelease release, Context<ModelRelease> context);

  /**
   * Makes the target true, writing only what differs from what is in force. Does nothing when the
   * router cannot act.
   */
  void apply(ModelRelease release, TrafficTarget target, Context<ModelRelease> context);
}
