package dev.releasegate.traffic;

import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.TrafficRouting;
import dev.releasegate.traffic.gateway.GatewayApiRouter;
import dev.releasegate.traffic.kserve.KServeRouter;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

/**
 * Every router the operator knows, and which one serves a release: {@code
 * spec.canary.trafficRouting} picks it, replicas when it names none. The lifecycle never knows
 * which one runs.
 */
public final class TrafficRouters {
  private final ReplicaRouter replicas = new ReplicaRouter();
  private final GatewayApiRouter gatewayApi = new GatewayApiRouter();
  private final KServeRouter kserve = new KServeRouter();

  /**
   * The informers every release needs from the start: the Deployments and Services releasegate
   * owns. Routers that route through objects they do not own register theirs when first needed.
   */
  public List<EventSource<?, ModelRelease>> eventSources(EventSourceContext<ModelRelease> context) {
    return OwnedObjects.eventSources(context);
  }

  /** The router a release asks for. */
  public TrafficRouter forRelease(ModelRelease release) {
    TrafficRouting routing =
        release.getSpec() == null || release.getSpec().canary() == null
            ? null
            : release.getSpec().canary().trafficRouting();
    return switch (TrafficRouting.of(routing)) {
      case gatewayAPI -> gatewayApi;
      case kserve -> kserve;
      case replicas -> replicas;
    };
  }
}
