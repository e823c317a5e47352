package dev.releasegate.embedded;

import static dev.releasegate.embedded.CellValues.NONE;
import static dev.releasegate.embedded.CellValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Table columns of Services, as a real server prints them. */
final class ServiceColumns {

  private ServiceColumns() {}

  static List<TableColumn> services() {
    return List.of(
        TableColumn.nameColumn(),
        TableColumn.of("Type", "string", "The type of service.", (s, now) -> type(s)),
        TableColumn.of(
            "Cluster-IP",
            "string",
            "The IP address of the service.",
            (s, now) -> text(s, "spec.clusterIP", NONE)),
        TableColumn.of(
            "External-IP",
            "string",
            "The external IP addresses of the service.",
            (s, now) -> externalIps(s)),
        TableColumn.of("Port(s)", "string", "The ports of the service.", (s, now) -> ports(s)),
        TableColumn.ageColumn(),
        TableColumn.of(
                "Selector",
                "string",
                "Route service traffic to pods with these labels.",
                (s, now) -> CellValues.labels(s.path("spec").path("selector")))
            .wide());
  }

  /** spec.type, which a real server defaults to ClusterIP and the mock leaves unset. */
  private static String type(JsonNode service) {
    return text(service, "spec.type", "ClusterIP");
  }

  private static String externalIps(JsonNode service) {
    List<String> ips = new ArrayList<>();
    if (type(service).equals("LoadBalancer")) {
      for (JsonNode ingress : service.path("status").path("loadBalancer").path("ingress")) {
        ips.add(text(ingress, "ip", text(ingress, "hostname", "")));
      }
    }
    service.path("spec").path("externalIPs").forEach(ip -> ips.add(ip.asText()));
    return switch (type(service)) {
      case "ClusterIP", "NodePort" -> ips.isEmpty() ? NONE : String.join(",", ips);
      case "LoadBalancer" -> ips.isEmpty() ? "<pending>" : String.join(",", ips);
      case "ExternalName" -> text(service, "spec.externalName", "");
      default -> "<unknown>";
    };
  }

  /** "8080/TCP", or "80:30080/TCP" with a node port, comma-separated; "<none>" without ports. */
  private static String ports(JsonNode service) {
    List<String> ports = new ArrayList<>();
    for (JsonNode port : service.path("spec").path("ports")) {
      long nodePort = port.path("nodePort").asLong();
      ports.add(
          port.path("port").asLong()
              + (nodePort > 0 ? ":" + nodePort : "")
              + "/"
              + port.path("protocol").asText("TCP"));
    }
    return ports.isEmpty() ? NONE : String.join(",", ports);
  }
}
