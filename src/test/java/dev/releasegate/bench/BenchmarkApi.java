package dev.releasegate.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The API server a benchmark runs against, and all that differs between one and another: how it is
 * reached, who may do what on it, and where the operator's request counts come from. The
 * benchmark's flow is the same on every one.
 */
interface BenchmarkApi extends AutoCloseable {

  /** {@code embedded} or {@code real}, as {@code -Dapi} names it. */
  String kind();

  /** What was measured, for the results: the server and its version. */
  String server();

  /** The benchmark's own client: it creates releases, flips kill switches and watches. */
  KubernetesClient client();

  /** The client the sign-offs are sent with. */
  KubernetesClient reviewer();

  /** The name a sign-off of this role gives as {@code by=}: the reviewer's, where it is checked. */
  String signer(String role);

  /** The client the floor makes its writes with. */
  KubernetesClient floorClient();

  /** The kubeconfig the operator's process is given. */
  Path operatorKubeconfig();

  /** The operator's arguments beyond {@code --cluster --namespace bench --http-port}. */
  List<String> operatorArgs();

  /** The requests made so far, by verb and resource; on a real server, only the operator's. */
  ApiCounts operatorCounts();

  /**
   * The operator's requests the server answered with an error so far, by code, verb and resource;
   * null where the API does not record answers (the embedded one).
   */
  Map<String, Long> operatorErrors();

  /** The API the {@code -Dapi} value names, started, with the benchmark's namespaces. */
  static BenchmarkApi start(String kind, Path dir, List<String> namespaces) throws Exception {
    return switch (kind) {
      case "embedded" -> EmbeddedBenchmarkApi.start(dir, namespaces);
      case "real" -> RealBenchmarkApi.start(namespaces);
      default ->
          throw new IllegalArgumentException(
              "-Dapi=" + kind + ": the benchmark runs on -Dapi=embedded or -Dapi=real");
    };
  }
}
