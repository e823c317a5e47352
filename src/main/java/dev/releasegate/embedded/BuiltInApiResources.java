package dev.releasegate.embedded;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in API resources this server advertises in discovery, per group/version ("v1" for the
 * core group). Only what releasegate and kubectl users touch is listed; the mock stores any kind,
 * but kubectl can only name the ones discovery tells it about.
 */
final class BuiltInApiResources {

  private static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  private static final List<String> STATUS_VERBS = List.of("get", "patch", "update");
  private static final List<String> CREATE_ONLY = List.of("create");

  /** Group/version to its resources, in the order discovery lists them. */
  static final Map<String, List<APIResource>> BY_GROUP_VERSION = build();

  private BuiltInApiResources() {}

  private static Map<String, List<APIResource>> build() {
    Map<String, List<APIResource>> groups = new LinkedHashMap<>();
    groups.put(
        "v1",
        List.of(
            resource("namespaces", "Namespace", false, ALL_VERBS, "ns"),
            status("namespaces", "Namespace", false),
            resource("services", "Service", true, ALL_VERBS, "svc"),
            status("services", "Service", true),
            resource("pods", "Pod", true, ALL_VERBS, "po"),
            status("pods", "Pod", true),
            resource("configmaps", "ConfigMap", true, ALL_VERBS, "cm"),
            resource("secrets", "Secret", true, ALL_VERBS),
            resource("events", "Event", true, ALL_VERBS, "ev"),
            resource("serviceaccounts", "ServiceAccount", true, ALL_VERBS, "sa"),
            resource("endpoints", "Endpoints", true, ALL_VERBS, "ep")));
    groups.put(
        "apps/v1",
        List.of(
            resource("deployments", "Deployment", true, ALL_VERBS, "deploy"),
            status("deployments", "Deployment", true),
            scale("deployments", true),
            resource("replicasets", "ReplicaSet", true, ALL_VERBS, "rs"),
            status("replicasets", "ReplicaSet", true),
            scale("replicasets", true)));
    groups.put("coordination.k8s.io/v1", List.of(resource("leases", "Lease", true, ALL_VERBS)));
    groups.put(
        "apiextensions.k8s.io/v1",
        List.of(
            resource(
                "customresourcedefinitions",
                "CustomResourceDefinition",
                false,
                ALL_VERBS,
                "crd",
                "crds"),
            status("customresourcedefinitions", "CustomResourceDefinition", false)));
    // No short name here, as on a real server: "ev" is the core group's, and naming it twice makes
    // kubectl warn on every "kubectl get ev".
    groups.put("events.k8s.io/v1", List.of(resource("events", "Event", true, ALL_VERBS)));
    groups.put(
        "authentication.k8s.io/v1",
        List.of(resource("selfsubjectreviews", "SelfSubjectReview", false, CREATE_ONLY)));
    groups.put(
        "authorization.k8s.io/v1",
        List.of(
            resource("selfsubjectaccessreviews", "SelfSubjectAccessReview", false, CREATE_ONLY),
            resource("selfsubjectrulesreviews", "SelfSubjectRulesReview", false, CREATE_ONLY),
            resource("subjectaccessreviews", "SubjectAccessReview", false, CREATE_ONLY),
            resource("localsubjectaccessreviews", "LocalSubjectAccessReview", true, CREATE_ONLY)));
    return groups;
  }

  private static APIResource resource(
      String plural, String kind, boolean namespaced, List<String> verbs, String... shortNames) {
    APIResourceBuilder builder =
        new APIResourceBuilder()
            .withName(plural)
            .withSingularName(kind.toLowerCase())
            .withNamespaced(namespaced)
            .withKind(kind)
            .withVerbs(verbs);
    if (shortNames.length > 0) {
      builder.withShortNames(shortNames);
    }
    if (List.of("pods", "services", "deployments", "replicasets").contains(plural)) {
      builder.withCategories("all");
    }
    return builder.build();
  }

  private static APIResource scale(String plural, boolean namespaced) {
    return new APIResourceBuilder()
        .withName(plural + "/scale")
        .withSingularName("")
        .withNamespaced(namespaced)
        .withGroup("autoscaling")
        .withVersion("v1")
        .withKind("Scale")
        .withVerbs(STATUS_VERBS)
        .build();
  }

  private static APIResource status(String plural, String kind, boolean namespaced) {
    return new APIResourceBuilder()
        .withName(plural + "/status")
        .withSingularName("")
        .withNamespaced(namespaced)
        .withKind(kind)
        .withVerbs(STATUS_VERBS)
        .build();
  }
}
