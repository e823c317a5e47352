package dev.releasegate.analysis;

import static org.awaitility.Awaitility.await;

import dev.releasegate.testing.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus (Debian's package) on a free loopback port with a temporary data directory,
 * scraping one target every second. Missing Prometheus fails the test with what to install: CI must
 * never pass by skipping the analysis it exists to check.
 */
final class PrometheusProcess implements AutoCloseable {
  private final Path dir;
  private final Process process;
  private final int port;

  PrometheusProcess(String... targets) {
    Path binary =
        Tools.onPath(
            "prometheus",
            "these tests need a real one: apt-get install -y --no-install-recommends prometheus"
                + " (the build does it when run as root, see src/test/bin/install-prometheus.sh)");
    try {
      dir = Files.createTempDirectory("releasegate-prometheus-");
      port = freePort();
      Path config =
          Files.writeString(
              dir.resolve("prometheus.yml"),
              """
          global:
            scrape_interval: 1s
            evaluation_interval: 1s
          scrape_configs:
            - job_name: model-server
              static_configs:
                - targets: [%s]
          """
                  .formatted(
                      String.join(
                          ", ",
                          java.util.Arrays.stream(targets).map(t -> "\"" + t + "\"").toList())));
      process =
          new ProcessBuilder(
                  binary.toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + dir.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + port)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("prometheus.log").toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HttpClient http = HttpClient.newHttpClient();
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () ->
                http.send(
                            HttpRequest.newBuilder(URI.create(address() + "/-/ready")).build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200);
  }

  String address() {
    return "http://127.0.0.1:" + port;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
