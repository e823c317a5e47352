package dev.releasegate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.bench.ChildJvm;
import dev.releasegate.chart.Chart;
import dev.releasegate.embedded.Kubectl;
import dev.releasegate.lifecycle.Releases;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * releasegate installed on the real control plane as the docs say: the CRD with {@code kubectl
 * apply --server-side}, the chart rendered by Helm and applied, and the operator as a process of
 * its own with the arguments of the chart's Deployment, authenticated with a token of the chart's
 * ServiceAccount, so that every call it makes passes the real authorizer and admission. (The
 * chart's Deployment itself is not applied: its pods would run on a simulated node, without a
 * container.)
 */
public final class Installation implements AutoCloseable {
  /** The operator's identity: the chart's ServiceAccount. */
  public static final String OPERATOR =
      "system:serviceaccount:" + Chart.NAMESPACE + ":" + Chart.RELEASE;

  private static Installation shared;
  private static Throwable failedInstall;

  public final ControlPlane plane;
  public final Kubectl admin;
  public final KubernetesClient client;
  private final Path dir;
  private ChildJvm operator;
  private final java.util.Set<String> refusingNamespaces =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private int httpPort;

  private Installation(ControlPlane plane) {
    this.plane = plane;
    this.dir = plane.workDir("installation");
    this.admin = new Kubectl(plane.kubeconfig(ControlPlane.ADMIN), dir);
    this.client = plane.client(ControlPlane.ADMIN);
  }

  /** The installation every real-cluster test of this JVM shares, installed on first use. */
  public static synchronized Installation shared() {
    if (failedInstall != null) {
      throw new IllegalStateException("releasegate could not be installed", failedInstall);
    }
    if (shared == null) {
      try {
        Installation installation = on(ControlPlane.shared());
        installation.startOperator();
        Runtime.getRuntime().addShutdownHook(new Thread(installation::close, "operator-stop"));
        shared = installation;
      } catch (RuntimeException | AssertionError e) {
        failedInstall = e;
        throw e;
      }
    }
    return shared;
  }

  /**
   * The CRD and the chart (but its Deployment) installed on a control plane, no operator started:
   * {@link #startOperator()} starts the chart's, or a caller runs its own with {@link
   * #operatorKubeconfig()}.
   */
  public static Installation on(ControlPlane plane) {
    Installation installation = new Installation(plane);
    installation.install();
    return installation;
  }

  private void install() {
    installCrd(Path.of("crds/modelreleases.releasegate.dev-v1.yml"));
    admin.run("create", "namespace", Chart.NAMESPACE).assertSuccess();
    List<HasMetadata> chart = new ArrayList<>(Chart.render(""));
    chart.removeIf(Deployment.class::isInstance);
    Path manifests =
        admin.file(
            "chart.yaml",
            chart.stream().map(Serialization::asYaml).collect(Collectors.joining("\n")));
    admin.run("apply", "--server-side", "-f", manifests.toString()).assertSuccess();
  }

  /**
   * Applies a CRD as the docs say ({@code kubectl apply --server-side}) and waits until the server
   * serves it.
   */
  public void installCrd(Path file) {
    admin.run("apply", "--server-side", "-f", file.toAbsolutePath().toString()).assertSuccess();
    String name;
    try {
      name =
          Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class)
              .getMetadata()
              .getName();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              var crd =
                  client.apiextensions().v1().customResourceDefinitions().withName(name).get();
              return crd.getStatus() != null
                  && crd.getStatus().getConditions() != null
                  && crd.getStatus().getConditions().stream()
                      .anyMatch(
                          c -> c.getType().equals("Established") && c.getStatus().equals("True"));
            });
  }

  /** The chart's Deployment's arguments, with the endpoints on this port. */
  private static List<String> chartArguments(int httpPort) {
    Deployment deployment = Chart.only(Chart.render(""), Deployment.class, Chart.RELEASE);
    List<String> args = new ArrayList<>();
    for (String arg :
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()) {
      args.add(arg.startsWith("--http-port=") ? "--http-port=" + httpPort : arg);
    }
    return args;
  }

  /** A token the API server issued to the chart's ServiceAccount. */
  private String operatorToken() {
    return token(Chart.NAMESPACE, Chart.RELEASE);
  }

  /** A day's token the API server issues to a ServiceAccount (as {@code kubectl create token}). */
  public String token(String namespace, String serviceAccount) {
    return client
        .serviceAccounts()
        .inNamespace(namespace)
        .withName(serviceAccount)
        .tokenRequest(
            new TokenRequestBuilder()
                .withNewSpec()
                .withExpirationSeconds(24 * 3600L)
                .endSpec()
                .build())
        .getStatus()
        .getToken();
  }

  /** A kubeconfig with a token the API server issued to the chart's ServiceAccount. */
  public Path operatorKubeconfig() {
    return plane.kubeconfigWithToken(Chart.RELEASE, operatorToken());
  }

  /**
   * One operator process as a pod of the chart's Deployment runs it.
   *
   * @param name its pod name, which is its identity for the Lease and in Events
   * @param credential the id of its token, which the audit log records with each request
   */
  public record Replica(String name, ChildJvm process, String credential, int httpPort) {}

  /** Starts one more replica of the operator, with a token of its own; does not wait for it. */
  public Replica startReplica(String name) {
    String token = operatorToken();
    int port = ControlPlane.freePort();
    ChildJvm process =
        new ChildJvm(
            name,
            dir,
            List.of("-Xmx384m"),
            chartArguments(port),
            Map.of(
                "KUBECONFIG", plane.kubeconfigWithToken(name, token).toString(), "HOSTNAME", name));
    return new Replica(name, process, AuditLog.credentialOf(token), port);
  }

  /** Starts the operator and waits until it is ready and holds the lease. */
  public void startOperator() {
    Replica replica = startReplica("operator-0");
    operator = replica.process();
    httpPort = replica.httpPort();
    await()
        .atMost(Duration.ofSeconds(90))
        .ignoreExceptions()
        .until(() -> !operator.alive() || (ready() && leaseHolder().equals("operator-0")));
    assertThat(operator.alive()).as("the operator exited:\n%s", operatorLog()).isTrue();
  }

  public void stopOperator() {
    if (operator == null) {
      return;
    }
    try {
      operator.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Kills the operator as a crashed node would: no shutdown, no Lease given up. */
  public void killOperator() {
    operator.kill();
  }

  private boolean ready() {
    return ready(httpPort);
  }

  /** Whether the operator serving its endpoints on this port answers /readyz with 200. */
  static boolean ready(int port) {
    HttpRequest readyz =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build();
    try {
      return HttpClient.newHttpClient()
              .send(readyz, HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public String leaseHolder() {
    var lease = client.leases().inNamespace(Chart.NAMESPACE).withName(Chart.RELEASE).get();
    return lease == null || lease.getSpec().getHolderIdentity() == null
        ? ""
        : lease.getSpec().getHolderIdentity();
  }

  public String operatorLog() {
    try {
      return Files.readString(operator.log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public AuditLog audit() {
    return new AuditLog(plane.auditLog());
  }

  /**
   * Every request the operator made that the API server refused: none on a correct chart, but in
   * the namespaces where a test refuses writes on purpose.
   */
  public List<AuditLog.Request> operatorRefusals() {
    return audit().requestsOf(OPERATOR).stream()
        .filter(AuditLog.Request::refused)
        .filter(r -> !refusingNamespaces.contains(r.namespace()))
        .toList();
  }

  /** A namespace whose quotas or policies refuse the operator's writes, on purpose. */
  public void refusesWritesOnPurpose(String namespace) {
    refusingNamespaces.add(namespace);
  }

  /**
   * A team's namespace as a cluster admin sets it up: the fixture's evidence, each reviewer bound
   * to the ClusterRole of their role ({@code <role>-owner} to {@code releasegate-signoff-<role>}),
   * on-call (the group {@code sre-on-call}) to {@code releasegate-on-call}, the group {@code
   * release-drivers} to {@code releasegate-release-driver} and {@code freeze-approvers} to {@code
   * releasegate-freeze-approver}.
   */
  public void team(String namespace) {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    for (String role : Releases.ALL_ROLES) {
      bind(namespace, role + "-owner", "User", role + "-owner", Chart.RELEASE + "-signoff-" + role);
    }
    bind(namespace, "on-call", "Group", "sre-on-call", Chart.RELEASE + "-on-call");
    bind(
        namespace,
        "release-drivers",
        "Group",
        "release-drivers",
        Chart.RELEASE + "-release-driver");
    bind(
        namespace,
        "freeze-approvers",
        "Group",
        "freeze-approvers",
        Chart.RELEASE + "-freeze-approver");
    putEvidence(namespace, Releases.EVIDENCE, Releases.evidenceData(0.91));
  }

  /** Binds a subject to a ClusterRole in one namespace, as {@code kubectl create rolebinding}. */
  public void bind(String namespace, String name, String kind, String subject, String role) {
    bind(
        namespace,
        name,
        "ClusterRole",
        role,
        new SubjectBuilder()
            .withKind(kind)
            .withName(subject)
            .withApiGroup("rbac.authorization.k8s.io")
            .build());
  }

  /** A RoleBinding in one namespace of a Role or ClusterRole to one subject. */
  public void bind(String namespace, String name, String roleKind, String role, Subject subject) {
    client
        .rbac()
        .roleBindings()
        .inNamespace(namespace)
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", roleKind, role)
                .withSubjects(subject)
                .build())
        .create();
  }

  /**
   * Grants a subject these verbs on ModelReleases in one namespace (a Role and its RoleBinding,
   * both named {@code name}), as a team's admin grants an engineer or a GitOps tool.
   */
  public void grantOnReleases(String namespace, String name, Subject subject, String... verbs) {
    client
        .rbac()
        .roles()
        .inNamespace(namespace)
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .addNewRule()
                .withApiGroups("releasegate.dev")
                .withResources("modelreleases")
                .withVerbs(verbs)
                .endRule()
                .build())
        .create();
    bind(namespace, name, "Role", name, subject);
  }

  /** An evidence ConfigMap, labelled for the operator, created or replaced with this data. */
  public void putEvidence(String namespace, String name, Map<String, String> data) {
    client
        .configMaps()
        .inNamespace(namespace)
        .resource(Releases.evidenceConfigMap(namespace, name, data))
        .serverSideApply();
  }

  @Override
  public void close() {
    stopOperator();
    client.close();
  }
}
