package dev.releasegate.bench;

import dev.releasegate.chart.Chart;
import dev.releasegate.cluster.AuditLog;
import dev.releasegate.cluster.ControlPlane;
import dev.releasegate.cluster.Installation;
import dev.releasegate.lifecycle.Releases;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A real control plane of the benchmark's own (etcd, kube-apiserver, controller manager, scheduler,
 * KWOK; see {@link ControlPlane}) with releasegate installed from the chart. The operator runs as
 * the chart's ServiceAccount through RBAC and the admission policy; the sign-offs come from one
 * reviewer bound to every reviewer role, since the policy checks {@code by=} against the requester;
 * the floor runs as a ServiceAccount of its own with the operator's ClusterRole, so its writes pass
 * the same authorizer and the same (blocking) audit log. Request counts are the operator's, from
 * the API server's audit log.
 */
final class RealBenchmarkApi implements BenchmarkApi {
  /** The person who holds every reviewer role in the benchmark's namespaces. */
  private static final String REVIEWER = "lead";

  /** The floor's identity: a ServiceAccount in its own namespace. */
  private static final String FLOOR_ACCOUNT = "floor";

  private final ControlPlane plane;
  private final Installation installation;
  private final List<KubernetesClient> clients = new ArrayList<>();
  private KubernetesClient reviewer;
  private KubernetesClient floor;
  private Path operatorKubeconfig;

  private RealBenchmarkApi(ControlPlane plane, Installation installation) {
    this.plane = plane;
    this.installation = installation;
  }

  static RealBenchmarkApi start(List<String> namespaces) {
    ControlPlane plane = ControlPlane.start();
    try {
      RealBenchmarkApi api = new RealBenchmarkApi(plane, Installation.on(plane));
      api.prepare(namespaces);
      return api;
    } catch (RuntimeException e) {
      plane.close();
      throw e;
    }
  }

  /**
   * The namespaces (the embedded API takes any; a real one needs them made), the reviewer's
   * bindings, the floor's account in the floor's namespace, and the operator's token.
   */
  private void prepare(List<String> namespaces) {
    KubernetesClient admin = installation.client;
    for (String namespace : namespaces) {
      admin
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
      for (String role : Releases.ALL_ROLES) {
        installation.bind(
            namespace, REVIEWER + "-" + role, "User", REVIEWER, Chart.RELEASE + "-signoff-" + role);
      }
    }
    reviewer = track(plane.client(REVIEWER));
    floor = track(ControlPlane.clientFor(floorKubeconfig()));
    operatorKubeconfig = installation.operatorKubeconfig();
  }

  private Path floorKubeconfig() {
    KubernetesClient admin = installation.client;
    admin
        .serviceAccounts()
        .inNamespace(Benchmark.FLOOR)
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(FLOOR_ACCOUNT)
                .withNamespace(Benchmark.FLOOR)
                .endMetadata()
                .build())
        .create();
    installation.bind(
        Benchmark.FLOOR,
        FLOOR_ACCOUNT,
        "ClusterRole",
        Chart.RELEASE,
        new SubjectBuilder()
            .withKind("ServiceAccount")
            .withName(FLOOR_ACCOUNT)
            .withNamespace(Benchmark.FLOOR)
            .build());
    String token = installation.token(Benchmark.FLOOR, FLOOR_ACCOUNT);
    return plane.kubeconfigWithToken(FLOOR_ACCOUNT, token);
  }

  private KubernetesClient track(KubernetesClient client) {
    clients.add(client);
    return client;
  }

  @Override
  public String kind() {
    return "real";
  }

  @Override
  public String server() {
    return "real control plane (Kubernetes "
        + kubernetesVersion()
        + ": etcd, kube-apiserver with RBAC, admission and an audit log, kube-controller-manager,"
        + " kube-scheduler, KWOK)";
  }

  /** The version the control plane was built from, as build.sh recorded it. */
  static String kubernetesVersion() {
    try {
      return Files.readAllLines(Path.of("target/controlplane/versions")).stream()
          .filter(l -> l.startsWith("kubernetes="))
          .map(l -> l.substring("kubernetes=".length()))
          .findFirst()
          .orElse("(unknown)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public KubernetesClient client() {
    return installation.client;
  }

  @Override
  public KubernetesClient reviewer() {
    return reviewer;
  }

  @Override
  public String signer(String role) {
    return REVIEWER;
  }

  @Override
  public KubernetesClient floorClient() {
    return floor;
  }

  @Override
  public Path operatorKubeconfig() {
    return operatorKubeconfig;
  }

  /**
   * Leader election on, as in the embedded runs and the chart, on the Lease the chart grants: the
   * kubeconfig's namespace ({@code default}) is not one the operator may write a Lease in.
   */
  @Override
  public List<String> operatorArgs() {
    return List.of("--lease-namespace=" + Chart.NAMESPACE, "--lease-name=" + Chart.RELEASE);
  }

  /**
   * Each request of the operator once: a watch has a line when its response starts and another when
   * it ends, under one audit ID.
   */
  @Override
  public ApiCounts operatorCounts() {
    Map<String, Long> byRequest = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    for (AuditLog.Request r : installation.audit().requestsOf(Installation.OPERATOR)) {
      if (seen.add(r.auditId())) {
        byRequest.merge(key(r), 1L, Long::sum);
      }
    }
    return ApiCounts.of(byRequest);
  }

  @Override
  public Map<String, Long> operatorErrors() {
    Map<String, Long> errors = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    for (AuditLog.Request r : installation.audit().requestsOf(Installation.OPERATOR)) {
      if (r.code() >= 400 && seen.add(r.auditId())) {
        errors.merge(r.code() + " " + key(r), 1L, Long::sum);
      }
    }
    return errors;
  }

  private static String key(AuditLog.Request r) {
    return r.verb() + " " + r.resource() + (r.subresource().isEmpty() ? "" : "/" + r.subresource());
  }

  @Override
  public void close() {
    clients.forEach(KubernetesClient::close);
    installation.close();
    plane.close();
  }
}
