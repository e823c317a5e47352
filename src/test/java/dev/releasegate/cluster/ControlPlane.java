package dev.releasegate.cluster;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.core.ConditionFactory;

/**
 * A real Kubernetes control plane on loopback, built from the Kubernetes project's own Go modules
 * by {@code src/controlplane/build.sh} (the build runs it before the real-cluster tests): etcd,
 * kube-apiserver with RBAC, ValidatingAdmissionPolicy, OwnerReferencesPermissionEnforcement and
 * service-account tokens, kube-controller-manager (Deployments, ReplicaSets, garbage collection,
 * namespaces, service accounts), kube-scheduler, and KWOK, whose simulated node runs every pod and
 * makes it Ready without a container.
 *
 * <p>People authenticate with static tokens, so a test acts as a named user with exactly the groups
 * below, and every request of a service account is written to an audit log.
 */
public final class ControlPlane implements AutoCloseable {
  /** Where {@code build.sh} links the binaries and CRDs it built (or found in its cache). */
  static final Path BUILT = Path.of("target/controlplane");

  /** The cluster administrator: every right, as a cluster's installer has. */
  public static final String ADMIN = "admin";

  /** The people the tests act as, with their groups. */
  static final Map<String, List<String>> PEOPLE = people();

  private static ControlPlane shared;
  private static RuntimeException failedStart;

  private final Path dir;
  private final int apiPort;
  private final List<ServerProcess> processes = new ArrayList<>();
  private final Map<String, String> tokens = new LinkedHashMap<>();

  /** The control plane every real-cluster test of this JVM shares, started on first use. */
  public static synchronized ControlPlane shared() {
    if (failedStart != null) {
      throw new IllegalStateException("the control plane did not start", failedStart);
    }
    if (shared == null) {
      try {
        shared = start();
      } catch (RuntimeException e) {
        failedStart = e;
        throw e;
      }
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "control-plane-stop"));
    }
    return shared;
  }

  private static Map<String, List<String>> people() {
    Map<String, List<String>> people = new LinkedHashMap<>();
    people.put(ADMIN, List.of("system:masters"));
    for (String role : List.of("product", "mlops", "security", "privacy", "business", "support")) {
      people.put(role + "-owner", List.of("reviewers"));
    }
    // One person who holds every reviewer role in a namespace, as a small team's lead may.
    people.put("lead", List.of("reviewers"));
    people.put("dana", List.of("sre-on-call"));
    // Who drives a release through its canary (promote, pause, retry), and who grants freeze
    // exceptions: rights apart from on-call's.
    people.put("mei", List.of("release-drivers"));
    people.put("bruno", List.of("freeze-approvers"));
    people.put("stranger", List.of());
    return people;
  }

  private ControlPlane(Path dir, int apiPort) {
    this.dir = dir;
    this.apiPort = apiPort;
  }

  /** A control plane of its own (the benchmark's); {@link #close()} stops it. */
  public static ControlPlane start() {
    Path bin = BUILT.resolve("bin");
    if (!Files.isExecutable(bin.resolve("kube-apiserver"))) {
      throw new IllegalStateException(
          "No control plane at "
              + BUILT.toAbsolutePath()
              + ": `mvn verify` builds it before these tests (or run src/controlplane/build.sh "
              + BUILT
              + ")");
    }
    Instant started = Instant.now();
    try {
      ControlPlane plane =
          new ControlPlane(Files.createTempDirectory("releasegate-control-plane-"), freePort());
      try {
        plane.startProcesses(bin);
      } catch (RuntimeException e) {
        plane.close();
        throw e;
      }
      System.out.printf(
          "control plane ready at %s in %d ms (logs in %s)%n",
          plane.url(), Duration.between(started, Instant.now()).toMillis(), plane.dir);
      return plane;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void startProcesses(Path bin) throws IOException {
    int etcdPort = freePort();
    ServerProcess etcd =
        launch(
            "etcd",
            bin.resolve("etcd").toString(),
            "--data-dir=" + dir.resolve("etcd"),
            "--listen-client-url=http://127.0.0.1:" + etcdPort,
            "--listen-peer-url=http://127.0.0.1:" + freePort());
    awaitRunning(Duration.ofSeconds(30))
        .until(() -> Files.readString(etcd.log).contains("etcd ready"));

    Path serviceAccountKey = writeServiceAccountKey();
    Path tokenFile = writeTokens();
    Path auditPolicy =
        Files.writeString(
            dir.resolve("audit-policy.yaml"),
            """
            # Every request of a service account (the operator's, a GitOps tool's), with its
            # verb and response code; nothing else.
            apiVersion: audit.k8s.io/v1
            kind: Policy
            omitStages: [RequestReceived]
            rules:
              - level: Metadata
                userGroups: ["system:serviceaccounts"]
              - level: None
            """);
    launch(
        "kube-apiserver",
        bin.resolve("kube-apiserver").toString(),
        "--etcd-servers=http://127.0.0.1:" + etcdPort,
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        // Nothing in this cluster reaches the API through the kubernetes Service, whose
        // endpoints a loopback address cannot be.
        "--endpoint-reconciler-type=none",
        "--secure-port=" + apiPort,
        "--cert-dir=" + dir.resolve("pki"),
        "--authorization-mode=RBAC",
        "--token-auth-file=" + tokenFile,
        "--enable-admission-plugins=OwnerReferencesPermissionEnforcement",
        // A new node is tainted not-ready until the node lifecycle controller sees it Ready. That
        // controller also evicts pods whose node misses heartbeats, which a simulated node on two
        // busy cores can: the taint is left out instead of the controller.
        "--disable-admission-plugins=TaintNodesByCondition",
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        "--service-account-key-file=" + serviceAccountKey,
        "--service-account-signing-key-file=" + serviceAccountKey,
        "--service-cluster-ip-range=10.96.0.0/16",
        "--audit-policy-file=" + auditPolicy,
        "--audit-log-path=" + auditLog(),
        "--audit-log-format=json",
        "--audit-log-mode=blocking",
        "--audit-log-maxsize=0",
        "--profiling=false");
    Path admin = kubeconfig(ADMIN);
    // The serving certificate is made at start; a client can trust it once it is there.
    awaitRunning(Duration.ofSeconds(60)).until(() -> Files.exists(caFile()));
    try (KubernetesClient client = client(ADMIN)) {
      awaitRunning(Duration.ofSeconds(120))
          .ignoreExceptions()
          .until(() -> "ok".equals(client.raw("/readyz")));
    }
    launch(
        "kube-controller-manager",
        bin.resolve("kube-controller-manager").toString(),
        "--kubeconfig=" + admin,
        "--leader-elect=false",
        "--bind-address=127.0.0.1",
        "--secure-port=" + freePort(),
        "--controllers=deployment-controller,replicaset-controller,"
            + "garbage-collector-controller,namespace-controller,serviceaccount-controller,"
            + "serviceaccount-token-controller,endpointslice-controller,resourcequota-controller",
        "--service-account-private-key-file=" + serviceAccountKey,
        "--root-ca-file=" + caFile(),
        "--concurrent-deployment-syncs=10",
        "--concurrent-replicaset-syncs=10",
        "--concurrent-gc-syncs=20");
    launch(
        "kube-scheduler",
        bin.resolve("kube-scheduler").toString(),
        "--kubeconfig=" + admin,
        "--leader-elect=false",
        "--bind-address=127.0.0.1",
        "--secure-port=" + freePort());
    launch(
        "kwok",
        bin.resolve("kwok").toString(),
        "--kubeconfig=" + admin,
        "--manage-all-nodes=true",
        "--config=" + kwokStages(),
        "--cidr=10.0.0.1/16",
        "--node-ip=10.0.0.1",
        "--server-address=127.0.0.1:" + freePort());
    try (KubernetesClient client = client(ADMIN)) {
      client
          .nodes()
          .resource(
              new NodeBuilder()
                  .withNewMetadata()
                  .withName("kwok-node")
                  .addToLabels("kubernetes.io/hostname", "kwok-node")
                  .addToLabels("type", "kwok")
                  .endMetadata()
                  .withNewStatus()
                  .addToAllocatable("cpu", new Quantity("1000"))
                  .addToAllocatable("memory", new Quantity("4Ti"))
                  .addToAllocatable("pods", new Quantity("100000"))
                  .addToCapacity("cpu", new Quantity("1000"))
                  .addToCapacity("memory", new Quantity("4Ti"))
                  .addToCapacity("pods", new Quantity("100000"))
                  .endStatus()
                  .build())
          .create();
      awaitRunning(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(
              () -> {
                // The node Ready (KWOK at work) and the default ServiceAccount made (the
                // controller manager at work): pods can be created and will run.
                return client
                        .nodes()
                        .withName("kwok-node")
                        .get()
                        .getStatus()
                        .getConditions()
                        .stream()
                        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"))
                    && client.serviceAccounts().inNamespace("default").withName("default").get()
                        != null;
              });
    }
  }

  private ServerProcess launch(String name, String... command) {
    ServerProcess process = new ServerProcess(name, dir, List.of(command));
    processes.add(process);
    return process;
  }

  /** KWOK's stages, as the build took them from its module, one --config value. */
  private static String kwokStages() throws IOException {
    try (Stream<Path> files = Files.list(BUILT.resolve("kwok"))) {
      return String.join(",", files.map(Path::toString).sorted().toList());
    }
  }

  /** A wait that ends at once, with the program's last words, when one of them has exited. */
  private ConditionFactory awaitRunning(Duration atMost) {
    return await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .failFast(
            "a program of the control plane exited",
            () -> processes.forEach(ServerProcess::assertAlive));
  }

  /** The key service-account tokens are signed with (PKCS #8, as kube-apiserver reads it). */
  private Path writeServiceAccountKey() throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      byte[] key = generator.generateKeyPair().getPrivate().getEncoded();
      return Files.writeString(
          dir.resolve("service-account.key"),
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key)
              + "\n-----END PRIVATE KEY-----\n");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("RSA is part of every JVM", e);
    }
  }

  /** kube-apiserver's static token file: one random token per person. */
  private Path writeTokens() throws IOException {
    StringBuilder file = new StringBuilder();
    PEOPLE.forEach(
        (user, groups) -> {
          String token = UUID.randomUUID().toString();
          tokens.put(user, token);
          file.append(token)
              .append(',')
              .append(user)
              .append(',')
              .append(user)
              .append(",\"")
              .append(String.join(",", groups))
              .append("\"\n");
        });
    return Files.writeString(dir.resolve("tokens.csv"), file);
  }

  public String url() {
    return "https://127.0.0.1:" + apiPort;
  }

  /** The certificate kube-apiserver made for itself, and signed: the CA clients trust. */
  Path caFile() {
    return dir.resolve("pki/apiserver.crt");
  }

  /** Where kube-apiserver writes what service accounts asked, one JSON object a line. */
  public Path auditLog() {
    return dir.resolve("audit.log");
  }

  /** A kubeconfig that acts as one of {@link #PEOPLE}. */
  public Path kubeconfig(String user) {
    String token = tokens.get(user);
    if (token == null) {
      throw new IllegalArgumentException(user + " is not one of " + PEOPLE.keySet());
    }
    return kubeconfigWithToken(user, token);
  }

  /** A kubeconfig that presents this bearer token (a service account's, say). */
  public Path kubeconfigWithToken(String name, String token) {
    Path file = dir.resolve("kubeconfig-" + name.replaceAll("[^A-Za-z0-9.-]", "_"));
    String content =
        """
        apiVersion: v1
        kind: Config
        clusters:
          - name: releasegate-test
            cluster: {server: "%s", certificate-authority: "%s"}
        users:
          - name: %s
            user: {token: "%s"}
        contexts:
          - name: %s
            context: {cluster: releasegate-test, user: %s, namespace: default}
        current-context: %s
        """
            .formatted(url(), caFile(), name, token, name, name, name);
    try {
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client acting as one of {@link #PEOPLE}. */
  public KubernetesClient client(String user) {
    return clientFor(kubeconfig(user));
  }

  public static KubernetesClient clientFor(Path kubeconfig) {
    try {
      return new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A CRD manifest the build took from its project's Go module. */
  public static Path crd(String file) {
    return BUILT.resolve("crds").resolve(file);
  }

  /** A scratch directory for one test's files. */
  public Path workDir(String name) {
    try {
      return Files.createDirectories(dir.resolve("work").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops every program, the last started first, and removes the data. */
  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
    processes.clear();
    if (System.getenv("RELEASEGATE_KEEP_CONTROL_PLANE") != null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory; the system cleans it in the end.
    }
  }
}
