package dev.releasegate.embedded;

import static dev.releasegate.embedded.CellValues.count;
import static dev.releasegate.embedded.CellValues.joined;
import static dev.releasegate.embedded.CellValues.labelSelector;
import static dev.releasegate.embedded.CellValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Table columns of Deployments, ReplicaSets and Pods, as a real server prints them. No pods run
 * here, so a Pod's status is read as stored rather than derived from running containers.
 */
final class WorkloadColumns {

  private WorkloadColumns() {}

  static List<TableColumn> deployments() {
    return List.of(
        TableColumn.nameColumn(),
        TableColumn.of(
            "Ready",
            "string",
            "Number of the pod with ready state.",
            (d, now) -> count(d, "status.readyReplicas") + "/" + desiredReplicas(d)),
        TableColumn.of(
            "Up-to-date",
            "integer",
            "Total number of pods with the desired template.",
            (d, now) -> count(d, "status.updatedReplicas")),
        TableColumn.of(
            "Available",
            "integer",
            "Total number of available pods.",
            (d, now) -> count(d, "status.availableReplicas")),
        TableColumn.ageColumn(),
        containers().wide(),
        images().wide(),
        selector().wide());
  }

  static List<TableColumn> replicaSets() {
    return List.of(
        TableColumn.nameColumn(),
        TableColumn.of(
            "Desired", "integer", "Number of desired pods.", (r, now) -> desiredReplicas(r)),
        TableColumn.of(
            "Current",
            "integer",
            "Number of pods created.",
            (r, now) -> count(r, "status.replicas")),
        TableColumn.of(
            "Ready",
            "integer",
            "Number of ready pods.",
            (r, now) -> count(r, "status.readyReplicas")),
        TableColumn.ageColumn(),
        containers().wide(),
        images().wide(),
        selector().wide());
  }

  static List<TableColumn> pods() {
    return List.of(
        TableColumn.nameColumn(),
        TableColumn.of(
            "Ready",
            "string",
            "Ready containers of all containers.",
            (p, now) -> readyContainers(p) + "/" + p.path("spec").path("containers").size()),
        TableColumn.of(
            "Status",
            "string",
            "The aggregate status of the containers in this pod.",
            (p, now) -> podStatus(p)),
        TableColumn.of(
            "Restarts",
            "integer",
            "Restarts of all containers in this pod.",
            (p, now) -> restarts(p)),
        TableColumn.ageColumn(),
        TableColumn.of(
                "IP",
                "string",
                "IP address allocated to the pod.",
                (p, now) -> text(p, "status.podIP", CellValues.NONE))
            .wide(),
        TableColumn.of(
                "Node",
                "string",
                "Name of the node the pod is scheduled on.",
                (p, now) -> text(p, "spec.nodeName", CellValues.NONE))
            .wide());
  }

  private static TableColumn containers() {
    return TableColumn.of(
        "Containers",
        "string",
        "Names of each container in the template.",
        (w, now) -> joined(w, "spec.template.spec.containers", "name"));
  }

  private static TableColumn images() {
    return TableColumn.of(
        "Images",
        "string",
        "Images referenced by each container in the template.",
        (w, now) -> joined(w, "spec.template.spec.containers", "image"));
  }

  private static TableColumn selector() {
    return TableColumn.of(
        "Selector",
        "string",
        "Label query over the pods it manages.",
        (w, now) -> labelSelector(w.path("spec").path("selector")));
  }

  /** spec.replicas, which a real server defaults to 1 and the mock leaves unset. */
  private static long desiredReplicas(JsonNode workload) {
    JsonNode replicas = workload.path("spec").path("replicas");
    return replicas.isNumber() ? replicas.asLong() : 1;
  }

  private static long readyContainers(JsonNode pod) {
    long ready = 0;
    for (JsonNode status : pod.path("status").path("containerStatuses")) {
      ready += status.path("ready").asBoolean() ? 1 : 0;
    }
    return ready;
  }

  private static long restarts(JsonNode pod) {
    long restarts = 0;
    for (JsonNode status : pod.path("status").path("containerStatuses")) {
      restarts += status.path("restartCount").asLong();
    }
    return restarts;
  }

  /**
   * Terminating while being deleted, else the pod's reason, else the first waiting or terminated
   * container's reason (CrashLoopBackOff, Completed), else the phase.
   */
  private static String podStatus(JsonNode pod) {
    if (pod.path("metadata").has("deletionTimestamp")) {
      return "Terminating";
    }
    String reason = text(pod, "status.reason");
    if (reason != null) {
      return reason;
    }
    for (JsonNode container : pod.path("status").path("containerStatuses")) {
      for (String state : List.of("waiting", "terminated")) {
        String stateReason = container.path("state").path(state).path("reason").asText("");
        if (!stateReason.isEmpty()) {
          return stateReason;
        }
      }
    }
    return text(pod, "status.phase", "Pending");
  }
}
