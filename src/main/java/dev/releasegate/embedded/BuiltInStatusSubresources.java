package dev.releasegate.embedded;

import java.util.Set;

/**
 * The built-in resources that have a {@code status} subresource on a real API server.
 *
 * <p>The mock server only knows status subresources declared by CRDs, so a write to a Deployment
 * could change its status (and a kubelet-like status write could change its spec). A real server
 * ignores status in writes to the main resource and everything but status in writes to {@code
 * /status}; the dispatcher emulates that for the resources listed here.
 */
final class BuiltInStatusSubresources {

  /** "group/plural" keys; the core group is the empty string. */
  private static final Set<String> WITH_STATUS =
      Set.of(
          "/pods",
          "/services",
          "/namespaces",
          "/nodes",
          "/persistentvolumes",
          "/persistentvolumeclaims",
          "/replicationcontrollers",
          "/resourcequotas",
          "apps/deployments",
          "apps/replicasets",
          "apps/statefulsets",
          "apps/daemonsets",
          "batch/jobs",
          "batch/cronjobs",
          "autoscaling/horizontalpodautoscalers",
          "policy/poddisruptionbudgets",
          "networking.k8s.io/ingresses",
          "apiextensions.k8s.io/customresourcedefinitions");

  private BuiltInStatusSubresources() {}

  static boolean has(ResourcePath path) {
    String group = path.group() == null ? "" : path.group();
    return WITH_STATUS.contains(group + "/" + path.plural());
  }
}
