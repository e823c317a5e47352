package dev.releasegate;

import dev.releasegate.analysis.ServiceAddresses;
import dev.releasegate.api.ObjectNames;
import dev.releasegate.demo.EmbeddedDemo;
import dev.releasegate.embedded.StandaloneApi;
import dev.releasegate.gate.ChecklistPolicy;
import dev.releasegate.gate.PolicyOverride;
import dev.releasegate.operator.LeaderElection;
import dev.releasegate.operator.OperatorSettings;
import dev.releasegate.operator.ReleasegateOperator;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The releasegate command. With no options it runs the operator on its embedded default: an
 * in-process Kubernetes API with the example releases, no cluster needed. With {@code --cluster} it
 * runs against the current kubeconfig or the in-cluster service account.
 */
@Command(
    name = "releasegate",
    mixinStandardHelpOptions = true,
    version = "releasegate 0.1.0",
    description = {
      "Enforces an AI model release checklist: version-bound sign-offs, canary steps, rollback.",
      "Without --cluster: runs on an embedded Kubernetes API with the examples applied and a live view."
    })
public final class Releasegate implements Callable<Integer> {

  @Option(
      names = "--cluster",
      description =
          "Run against the current kubeconfig or in-cluster config instead of the embedded API.")
  boolean cluster;

  @Option(
      names = "--namespace",
      split = ",",
      description = "Namespaces to watch with --cluster (default: all).")
  List<String> namespaces = List.of();

  @Option(
      names = "--policy-file",
      description =
          "A YAML file that tightens the built-in checklist (for example a mounted ConfigMap);"
              + " see PolicyOverride.")
  Path policyFile;

  @Option(
      names = "--packet-records-follow-release",
      description =
          "Delete a release's packet records with it (default: they are kept as the audit trail).")
  boolean packetRecordsFollowRelease;

  @Option(
      names = "--api-only",
      description =
          "Run only the embedded API (CRD installed, simulated kubelet, kubeconfig in --work-dir)"
              + " for an operator started elsewhere with --cluster, or a benchmark.")
  boolean apiOnly;

  @Option(
      names = "--selector",
      description =
          "Act only on ModelReleases with these labels (a label selector such as shard=a), so"
              + " several installations can split the releases between them. Default: all.")
  String selector;

  @Option(
      names = "--http-port",
      description =
          "Port of /metrics, /healthz and /readyz (default: 8080 with --cluster; a free port,"
              + " printed at start, in the embedded demo).")
  Integer httpPort;

  @Option(
      names = "--leader-election",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "With --cluster: act only while holding a Lease, so several replicas can run (default:"
              + " on; --no-leader-election for a single replica).")
  boolean leaderElection;

  @Option(
      names = "--lease-name",
      defaultValue = "releasegate",
      description = "The Lease's name; give each installation its own (default: ${DEFAULT-VALUE}).")
  String leaseName;

  @Option(
      names = "--lease-namespace",
      description =
          "The Lease's namespace (default: the operator's own, from its service account).")
  String leaseNamespace;

  @Option(
      names = "--log-format",
      defaultValue = "text",
      description =
          "text (one line per event) or json (one object per line); with --cluster only."
              + " Default: ${DEFAULT-VALUE}.")
  LogFormat logFormat;

  /** How the cluster mode writes its log. */
  enum LogFormat {
    text,
    json
  }

  @Option(
      names = "--api-port",
      defaultValue = "0",
      description = "Port of the embedded API (default: a free port).")
  int apiPort;

  @Option(
      names = "--examples",
      defaultValue = "examples",
      description = "Manifests the embedded demo applies at start (default: ${DEFAULT-VALUE}).")
  Path examples;

  @Option(
      names = "--work-dir",
      description =
          "Where the embedded demo writes its kubeconfig and log (default: a new temporary directory).")
  Path workDir;

  @Option(
      names = "--readiness-delay",
      defaultValue = "PT1S",
      description =
          "How long simulated pods take to become ready, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration readinessDelay;

  @Option(
      names = "--no-story",
      description = "Do not play the example releases' reviewers in the demo.")
  boolean noStory;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Releasegate()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (apiOnly) {
      return runApiOnly();
    }
    return cluster ? runOnCluster() : runEmbedded();
  }

  private int runOnCluster() throws InterruptedException, IOException {
    if (logFormat == LogFormat.json) {
      // Before the first logger exists, as the embedded mode does for its log file.
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(Config.autoConfigure(null))
                    .withUserAgent(ReleasegateOperator.USER_AGENT)
                    .build())
            .build();
    OperatorSettings settings =
        settings()
            .withEndpoints(new InetSocketAddress(httpPort == null ? 8080 : httpPort))
            .withLeaderElection(
                leaderElection ? LeaderElection.inCluster(leaseName, leaseNamespace) : null);
    ReleasegateOperator operator = ReleasegateOperator.start(client, Clock.systemUTC(), settings);
    awaitShutdown(
        () -> {
          operator.close();
          client.close();
        });
    return 0;
  }

  private int runEmbedded() throws Exception {
    Path dir =
        workDir != null
            ? Files.createDirectories(workDir)
            : Files.createTempDirectory("releasegate-demo-");
    Path log = dir.resolve("operator.log");
    // Before the first logger exists: the live view owns the terminal, logs go to a file.
    System.setProperty("releasegate.log.file", log.toString());
    System.setProperty("logback.configurationFile", "logback-demo.xml");
    boolean terminal = System.console() != null;
    EmbeddedDemo demo =
        EmbeddedDemo.start(
            new EmbeddedDemo.Options(
                apiPort,
                dir,
                examples,
                readinessDelay,
                !noStory,
                settings()
                    .withEndpoints(
                        new InetSocketAddress(
                            java.net.InetAddress.getLoopbackAddress(),
                            httpPort == null ? 0 : httpPort))),
            System.out,
            terminal);
    System.out.println(
        "operator log: "
            + log
            + (workDir == null ? " (removed at exit; --work-dir keeps it)" : ""));
    awaitShutdown(
        () -> {
          // An operator that stops itself does so by exiting, behind the live view and into a log
          // file: say why on the terminal, and keep the log.
          Optional<String> fatal = demo.fatalError();
          demo.close();
          if (fatal.isPresent()) {
            System.err.println("\nreleasegate stopped: " + fatal.get());
            System.err.println("operator log (kept): " + log);
          } else {
            removeIfTemporary(dir);
          }
        });
    return 0;
  }

  private int runApiOnly() throws Exception {
    Path dir =
        workDir != null
            ? Files.createDirectories(workDir)
            : Files.createTempDirectory("releasegate-api-");
    StandaloneApi api =
        StandaloneApi.start(
            apiPort,
            dir,
            EmbeddedDemo.CRD,
            namespaces.isEmpty() ? List.of("default") : namespaces,
            ObjectNames.MANAGED_BY + "=" + ObjectNames.MANAGER,
            readinessDelay);
    System.out.println("embedded Kubernetes API at " + api.url());
    System.out.println("kubeconfig: " + api.kubeconfig());
    awaitShutdown(
        () -> {
          api.close();
          removeIfTemporary(dir);
        });
    return 0;
  }

  /** A folder the run made for itself goes with it; one named with --work-dir stays. */
  private void removeIfTemporary(Path dir) {
    if (workDir != null) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not remove " + dir + ": " + e.getMessage());
    }
  }

  private OperatorSettings settings() throws IOException {
    return new OperatorSettings(
            policy(),
            new LinkedHashSet<>(namespaces),
            packetRecordsFollowRelease,
            Optional.empty(),
            OperatorSettings.defaultIdentity(),
            Optional.empty(),
            Optional.empty(),
            ServiceAddresses.none())
        .withSelector(selector);
  }

  /** The built-in checklist, tightened by --policy-file when given; a bad file stops the start. */
  private ChecklistPolicy policy() throws IOException {
    if (policyFile == null) {
      return ChecklistPolicy.builtIn();
    }
    return ChecklistPolicy.tightenedBy(
        PolicyOverride.parse(Files.readString(policyFile)), policyFile.toString());
  }

  /** Blocks until Ctrl-C or SIGTERM, then runs {@code stop} before the JVM exits. */
  private static void awaitShutdown(Runnable stop) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stop.run();
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
  }
}
