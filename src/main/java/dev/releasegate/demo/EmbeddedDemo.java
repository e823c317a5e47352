package dev.releasegate.demo;

import dev.releasegate.analysis.ServiceAddresses;
import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.embedded.EmbeddedKubernetesApi;
import dev.releasegate.embedded.SimulatedKubelet;
import dev.releasegate.operator.OperatorSettings;
import dev.releasegate.operator.ReleasegateOperator;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator on its embedded default: an in-process Kubernetes API with the CRD installed, a
 * simulated kubelet, the example releases applied, a story that plays their reviewers, and a live
 * view. Everything a newcomer needs to try releasegate with nothing but a JDK and kubectl.
 */
public final class EmbeddedDemo implements AutoCloseable {
  public static final String CRD = "crds/modelreleases.releasegate.dev-v1.yml";
  private static final String NAMESPACE = "default";

  /** The Prometheus a cluster would run, as the examples name it. */
  private static final String PROMETHEUS_SERVICE = "prometheus";

  private static final String PROMETHEUS_NAMESPACE = "monitoring";
  private static final int PROMETHEUS_PORT = 9090;
  static final String PROMETHEUS_ADDRESS =
      "http://" + PROMETHEUS_SERVICE + "." + PROMETHEUS_NAMESPACE + ".svc:" + PROMETHEUS_PORT;

  /** The example the story signs off at once. */
  private static final String SIGNED_OFF = "support-summarizer";

  private final List<AutoCloseable> parts = new ArrayList<>();
  private final EmbeddedKubernetesApi api;
  private final Path kubeconfig;
  private String endpoints = "";
  private ReleasegateOperator operator;

  private EmbeddedDemo(EmbeddedKubernetesApi api, Path kubeconfig) {
    this.api = api;
    this.kubeconfig = kubeconfig;
  }

  /** What the demo is started with. */
  public record Options(
      int apiPort,
      Path workDir,
      Path examples,
      Duration readinessDelay,
      boolean story,
      OperatorSettings operator) {}

  /** Starts everything and returns once the examples are applied; the live view keeps running. */
  public static EmbeddedDemo start(Options options, PrintStream out, boolean terminal) {
    Logger log = LoggerFactory.getLogger(EmbeddedDemo.class);
    EmbeddedKubernetesApi api = EmbeddedKubernetesApi.start(options.apiPort());
    EmbeddedDemo demo =
        new EmbeddedDemo(api, api.writeKubeconfig(options.workDir().resolve("kubeconfig")));
    demo.parts.add(api);
    try {
      api.installCrd(CRD);
      KubernetesClient client = demo.keep(api.newClient());
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .createOr(NonDeletingOperation::update);
      demo.keep(
          new SimulatedKubelet(
                  client,
                  ObjectNames.MANAGED_BY + "=" + ObjectNames.MANAGER,
                  options.readinessDelay())
              .start());
      // The examples name the Prometheus a cluster would have; the demo serves it there.
      SimulatedPrometheus prometheus = demo.keep(new SimulatedPrometheus(Clock.systemUTC()));
      ReleasegateOperator operator =
          demo.keep(
              ReleasegateOperator.start(
                  client,
                  Clock.systemUTC(),
                  options
                      .operator()
                      .withServiceAddresses(
                          ServiceAddresses.service(
                              PROMETHEUS_SERVICE,
                              PROMETHEUS_NAMESPACE,
                              PROMETHEUS_PORT,
                              prometheus.address()))));
      demo.operator = operator;
      demo.endpoints =
          operator
                  .endpointsPort()
                  .map(
                      port ->
                          "metrics: http://127.0.0.1:"
                              + port
                              + "/metrics (and /healthz, /readyz)\n")
                  .orElse("")
              + "prometheus: "
              + PROMETHEUS_ADDRESS
              + " (simulated, at "
              + prometheus.address()
              + "): what the examples' analysis queries\n";
      if (options.story()) {
        demo.keep(
            new DemoStory(
                    client,
                    NAMESPACE,
                    options.examples().resolve("updates"),
                    prometheus,
                    Clock.systemUTC())
                .start());
      }
      List<String> applied = applyExamples(client, options.examples());
      String appliedLine = "Applied from " + options.examples() + ": " + describe(applied) + "\n";
      log.info(appliedLine.strip());
      if (options.story() && applied.contains("ModelRelease/" + SIGNED_OFF)) {
        awaitSignedOffExample(client);
      }
      out.println(demo.banner());
      if (!terminal) {
        out.print(appliedLine);
      }
      demo.keep(new LiveView(client, out, terminal, demo.banner() + appliedLine).start());
      return demo;
    } catch (RuntimeException e) {
      demo.close();
      throw e;
    }
  }

  /**
   * Why the operator is stopping the process, if it is: the live view owns the terminal and the log
   * is a file, so whoever runs the demo must print it.
   */
  public Optional<String> fatalError() {
    return operator == null ? Optional.empty() : operator.fatalError();
  }

  /** Where to point kubectl. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  private String banner() {
    return "releasegate on the embedded Kubernetes API at "
        + api.url()
        + "\n"
        + "kubeconfig: "
        + kubeconfig
        + "\n"
        + endpoints
        + "Try: export KUBECONFIG="
        + kubeconfig
        + "; kubectl get mrel\n";
  }

  private static List<String> applyExamples(KubernetesClient client, Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of("nothing (no " + dir + " directory)");
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml"))
          .sorted()
          .flatMap(f -> Manifests.apply(client, f, NAMESPACE).stream())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the examples in " + dir, e);
    }
  }

  /** "3 ModelReleases (a, b, c) and 4 ConfigMaps" from "Kind/name" entries. */
  static String describe(List<String> applied) {
    List<String> releases =
        applied.stream()
            .filter(a -> a.startsWith("ModelRelease/"))
            .map(a -> a.substring(a.indexOf('/') + 1))
            .toList();
    long others = applied.size() - releases.size();
    return releases.size()
        + " ModelReleases ("
        + String.join(", ", releases)
        + ")"
        + (others == 0 ? "" : " and " + others + " other objects (evidence ConfigMaps)");
  }

  /**
   * The demo is ready when the release it signs off at once is serving: a newcomer's first {@code
   * kubectl get mrel} then shows an approved version, not only releases waiting for people.
   */
  private static void awaitSignedOffExample(KubernetesClient client) {
    try {
      client
          .resources(ModelRelease.class)
          .inNamespace(NAMESPACE)
          .withName(SIGNED_OFF)
          .waitUntilCondition(
              r -> r != null && r.getStatus() != null && r.getStatus().getPhase() == Phase.Promoted,
              30,
              TimeUnit.SECONDS);
    } catch (KubernetesClientException e) {
      LoggerFactory.getLogger(EmbeddedDemo.class)
          .warn("{} was not promoted in 30s: {}", SIGNED_OFF, e.getMessage());
    }
  }

  private <T extends AutoCloseable> T keep(T part) {
    parts.add(part);
    return part;
  }

  /** Stops the live view, story, operator, kubelet and API, newest first. */
  @Override
  public void close() {
    for (int i = parts.size() - 1; i >= 0; i--) {
      try {
        parts.get(i).close();
      } catch (Exception e) {
        LoggerFactory.getLogger(EmbeddedDemo.class)
            .warn("Stopping {} failed: {}", parts.get(i), e.toString());
      }
    }
    parts.clear();
  }
}
