package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The traffic router: at most one of its fields; the default when none is set is replicas. */
public record TrafficRouting(
    @JsonPropertyDescription(
            "Split traffic by replica counts behind one Service named after the release (the"
                + " default). A weight that spec.replicas cannot represent exactly is rounded, and"
                + " status says so.")
        ReplicaRouting replicas,
    @JsonPropertyDescription(
            "Split traffic with the weights of two backendRefs in a rule of an existing Gateway"
                + " API HTTPRoute (gateway.networking.k8s.io/v1). The operator creates the Services"
                + " <release>-stable and <release>-canary, each selecting one version's pods, and"
                + " changes nothing in the route but those two weights: exact percentages whatever"
                + " the replica count. The stable version keeps all its replicas during a canary,"
                + " so a rollback is one write to the route.")
        GatewayApiRouting gatewayAPI,
    @JsonPropertyDescription(
            "Release through an existing KServe InferenceService (serving.kserve.io/v1beta1) in"
                + " Serverless mode: the candidate's model goes into the predictor and its weight"
                + " into canaryTrafficPercent; promotion removes canaryTrafficPercent; a rollback"
                + " sets it to 0 (during a canary it also restores the last approved model)."
                + " RawDeployment mode, where KServe ignores canaryTrafficPercent, is refused.")
        KServeRouting kserve) {

  /** The routers, by the field that chooses each (and the name status.traffic.router gives). */
  public enum Router {
    replicas,
    gatewayAPI,
    kserve
  }

  /** The router chosen by a release's routing, replicas when it chooses none. */
  public static Router of(TrafficRouting routing) {
    return routing == null ? Router.replicas : routing.router();
  }

  /** The router chosen by this setting: the first one set, replicas when none is. */
  @JsonIgnore
  public Router router() {
    if (gatewayAPI != null) {
      return Router.gatewayAPI;
    }
    return kserve != null ? Router.kserve : Router.replicas;
  }

  /** The names of the routers set, to refuse more than one. */
  @JsonIgnore
  public List<String> chosen() {
    List<String> chosen = new ArrayList<>();
    if (replicas != null) {
      chosen.add(Router.replicas.name());
    }
    if (gatewayAPI != null) {
      chosen.add(Router.gatewayAPI.name());
    }
    if (kserve != null) {
      chosen.add(Router.kserve.name());
    }
    return chosen;
  }
}
