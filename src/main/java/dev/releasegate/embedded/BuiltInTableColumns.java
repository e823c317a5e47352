package dev.releasegate.embedded;

import static dev.releasegate.embedded.CellValues.text;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Table columns of the built-in kinds people look at here, keyed by group-qualified resource,
 * with the headers and cell formats of {@code kubectl get} on a real cluster ({@code READY 2/3},
 * {@code PORT(S) 8080/TCP}, {@code <none>}, {@code OBJECT deployment/web}).
 *
 * <p>The cell rules follow Kubernetes' {@code pkg/printers/internalversion/printers.go}. The mock
 * applies no defaults, so where a real server would have filled one in (a Deployment's one replica,
 * a Service's ClusterIP type, an Opaque Secret, an Active Namespace) the cell assumes it. Other
 * built-in kinds keep kubectl's own NAME and AGE.
 */
final class BuiltInTableColumns {

  private static final Map<String, List<TableColumn>> BY_RESOURCE =
      Map.of(
          "deployments.apps", WorkloadColumns.deployments(),
          "replicasets.apps", WorkloadColumns.replicaSets(),
          "pods", WorkloadColumns.pods(),
          "services", ServiceColumns.services(),
          "events", EventColumns.events(),
          "namespaces", namespaces(),
          "configmaps", configMaps(),
          "secrets", secrets(),
          "customresourcedefinitions.apiextensions.k8s.io", customResourceDefinitions());

  private BuiltInTableColumns() {}

  /** The columns of a group-qualified resource ("deployments.apps", "events"), if it has any. */
  static Optional<List<TableColumn>> of(String groupResource) {
    return Optional.ofNullable(BY_RESOURCE.get(groupResource));
  }

  private static List<TableColumn> namespaces() {
    return List.of(
        TableColumn.nameColumn(),
        TableColumn.of(
            "Status",
            "string",
            "The phase of the namespace.",
            (n, now) -> text(n, "status.phase", "Active")),
        TableColumn.ageColumn());
  }

  private static List<TableColumn> configMaps() {
    return List.of(
        TableColumn.nameColumn(),
        TableColumn.of(
            "Data",
            "integer",
            "Number of data entries.",
            (c, now) -> c.path("data").size() + c.path("binaryData").size()),
        TableColumn.ageColumn());
  }

  private static List<TableColumn> secrets() {
    return List.of(
        TableColumn.nameColumn(),
        TableColumn.of(
            "Type", "string", "The type of the secret.", (s, now) -> text(s, "type", "Opaque")),
        // A real server folds stringData into data when it stores a Secret; the mock keeps both.
        TableColumn.of(
            "Data",
            "integer",
            "Number of data entries.",
            (s, now) -> s.path("data").size() + s.path("stringData").size()),
        TableColumn.ageColumn());
  }

  private static List<TableColumn> customResourceDefinitions() {
    return List.of(
        TableColumn.nameColumn(),
        TableColumn.of(
            "Created At",
            "date",
            "When the definition was created.",
            (c, now) -> text(c, "metadata.creationTimestamp")));
  }
}
