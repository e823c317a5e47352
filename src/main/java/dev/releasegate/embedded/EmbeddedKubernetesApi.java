package dev.releasegate.embedded;

import io.fabric8.kubernetes.api.model.NamedAuthInfoBuilder;
import io.fabric8.kubernetes.api.model.NamedClusterBuilder;
import io.fabric8.kubernetes.api.model.NamedContextBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An in-process Kubernetes API server for the embedded mode and for tests: the Fabric8 mock
 * server's CRUD store, on plain HTTP at 127.0.0.1 ({@link ApiHttpServer}), with a dispatcher that
 * makes it behave closely enough to a real server for JOSDK (server-side apply, optimistic locking,
 * status subresources) and for the real {@code kubectl} (discovery, patches, printer columns).
 *
 * <p>Emulated beyond the mock: discovery, server-side apply (one field manager), RFC 7386 merge
 * patch, an approximate strategic merge patch, status and scale subresources of built-in kinds, 409
 * on a stale resourceVersion everywhere, server-side Tables ({@code kubectl get}: a CRD's printer
 * columns, and a real server's columns for Deployments, ReplicaSets, Pods, Services, Events,
 * Namespaces, ConfigMaps, Secrets and CRDs), field selectors on any dotted path for lists, watches
 * and deletes ({@code kubectl describe} finds its Events), lists named after their kind, OpenAPI v3
 * for custom resources ({@code kubectl explain}), allow-all access reviews, {@code dryRun}, YAML
 * bodies sent as {@code application/yaml}, and watches as kubectl makes them ({@code kubectl get
 * -w}, {@code kubectl wait}, {@code kubectl rollout status}): over plain HTTP as well as WebSocket,
 * resumed from a resourceVersion, as Table rows, ended by {@code timeoutSeconds}, with the bookmark
 * that ends the initial events. Custom resources are checked against their CRD version's structural
 * schema on every write (create, update, patch, server-side apply, {@code /status}), as a real
 * server checks them: unknown fields and non-nullable nulls pruned, then types, required fields,
 * enums, patterns, minimum/maximum, maxLength, maxItems and the {@code date-time}, {@code date},
 * {@code ipv4}, {@code ipv6} and {@code uuid} formats validated, and a violation refused with 422
 * Invalid naming each field ({@code spec.canary.steps[2].weight}) as kubectl prints it, an update
 * not being refused for an invalid value it left unchanged (ratcheting); see {@link
 * CustomResourceValidation}. Server-side field validation ({@code fieldValidation=Strict}) for
 * custom resources and ConfigMaps, which the OpenAPI v3 documents advertise, so {@code kubectl
 * create} and {@code apply} of those need no {@code --validate=false}; see {@link FieldValidation}.
 *
 * <p>Not emulated: defaulting ({@code default} in a schema), CEL rules ({@code
 * x-kubernetes-validations}), list-type and map-key uniqueness ({@code x-kubernetes-list-type}),
 * other formats, validation of built-in kinds other than a ConfigMap's field names, admission,
 * garbage collection of owned objects, OpenAPI v2 (so kubectl needs {@code --validate=false} to
 * create or apply other built-in kinds), protobuf bodies (kubectl's typed commands such as {@code
 * kubectl create deployment}, {@code kubectl create service} and {@code kubectl auth can-i} send
 * them and are refused with 415), and a history of changes (a watch resumed from an older
 * resourceVersion does not hear of objects deleted since, and gets objects changed since as ADDED).
 * Nothing runs pods; see {@link SimulatedKubelet}.
 *
 * <pre>{@code
 * try (var api = EmbeddedKubernetesApi.start();
 *     var client = api.newClient()) {
 *   api.installCrd("META-INF/fabric8/modelreleases.releasegate.dev-v1.yml");
 *   api.writeKubeconfig(Path.of("kubeconfig"));
 * }
 * }</pre>
 */
public final class EmbeddedKubernetesApi implements AutoCloseable {

  private static final String NAME = "releasegate-embedded";

  /** The one user of the kubeconfig this server writes, and so everyone {@code whoami} names. */
  static final String USER = NAME;

  private static final String DEFAULT_NAMESPACE = "default";

  private final EmbeddedApiDispatcher dispatcher = new EmbeddedApiDispatcher();
  private final ApiRequestCounter requestCounter = new ApiRequestCounter();
  private final ApiHttpServer server = new ApiHttpServer(dispatcher, requestCounter::count);
  private final String url;
  private final KubernetesClient adminClient;

  private EmbeddedKubernetesApi(int port) {
    try {
      url = "http://127.0.0.1:" + server.start(InetAddress.getLoopbackAddress(), port);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    adminClient = newClient();
    try {
      // A real cluster starts with this namespace, and kubectl looks it up to report NotFound.
      adminClient
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(DEFAULT_NAMESPACE)
                  .endMetadata()
                  .build())
          .create();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Starts a server on a free port. */
  public static EmbeddedKubernetesApi start() {
    return start(0);
  }

  /** Starts a server on {@code port}, or on a free port when {@code port} is 0. */
  public static EmbeddedKubernetesApi start(int port) {
    return new EmbeddedKubernetesApi(port);
  }

  /** The server's base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return url;
  }

  /** A client configuration for this server, with {@code default} as namespace. */
  public Config clientConfig() {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url)
        .withNamespace(DEFAULT_NAMESPACE)
        .withTrustCerts(true)
        .withHttp2Disable(true)
        .build();
  }

  /** A new client for this server; the caller closes it. */
  public KubernetesClient newClient() {
    return new KubernetesClientBuilder().withConfig(clientConfig()).build();
  }

  /**
   * Writes a kubeconfig with one cluster, user and context pointing at this server, the context
   * current and its namespace {@code default}; returns {@code file}.
   */
  public Path writeKubeconfig(Path file) {
    io.fabric8.kubernetes.api.model.Config kubeconfig =
        new io.fabric8.kubernetes.api.model.ConfigBuilder()
            .withApiVersion("v1")
            .withKind("Config")
            .addToClusters(
                new NamedClusterBuilder()
                    .withName(NAME)
                    .withNewCluster()
                    .withServer(url)
                    .endCluster()
                    .build())
            .addToUsers(new NamedAuthInfoBuilder().withName(USER).withNewUser().endUser().build())
            .addToContexts(
                new NamedContextBuilder()
                    .withName(NAME)
                    .withNewContext()
                    .withCluster(NAME)
                    .withUser(USER)
                    .withNamespace(DEFAULT_NAMESPACE)
                    .endContext()
                    .build())
            .withCurrentContext(NAME)
            .build();
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return Files.writeString(file, Serialization.asYaml(kubeconfig));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write kubeconfig " + file, e);
    }
  }

  /**
   * Creates (or updates) a CustomResourceDefinition from YAML or JSON through the API, so that
   * discovery, status subresources and printer columns follow it, as on a real server.
   */
  public CustomResourceDefinition installCrd(InputStream yaml) {
    CustomResourceDefinition crd = Serialization.unmarshal(yaml, CustomResourceDefinition.class);
    return adminClient.resource(crd).fieldManager(NAME).forceConflicts().serverSideApply();
  }

  /** Like {@link #installCrd(InputStream)}, reading a classpath resource. */
  public CustomResourceDefinition installCrd(String classpathResource) {
    try (InputStream yaml =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(classpathResource)) {
      if (yaml == null) {
        throw new IllegalArgumentException("no classpath resource " + classpathResource);
      }
      return installCrd(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The requests this server has received, counted. */
  public ApiRequestCounter requestCounter() {
    return requestCounter;
  }

  /** The dispatcher, for tests that look at its store and watches. */
  EmbeddedApiDispatcher dispatcher() {
    return dispatcher;
  }

  /** Stops the server; clients still open fail from now on. */
  @Override
  public void close() {
    adminClient.close();
    server.close();
  }
}
