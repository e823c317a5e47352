package dev.releasegate.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasegate.testing.Integration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image Jib builds in pre-integration-test (target/jib-image.tar), inspected without
 * a container engine: its config, its layers' files and modes, and the classpath its entrypoint
 * gives. Then its entrypoint runs with --cluster in a chroot of its layers against an API that
 * refuses connections, which shows that the image's runtime starts and that leaving the demo's jars
 * out leaves nothing the operator loads before it talks to the API.
 */
@Integration
class ImageTest {
  private static final Path IMAGE = Path.of("target/jib-image.tar");

  /** The jars the demo's in-process API needs and the cluster mode does not (see pom.xml). */
  private static final List<String> DEMO_ONLY =
      List.of(
          "kubernetes-server-mock-",
          "mockwebserver-",
          "vertx-web-4",
          "vertx-bridge-common-",
          "zjsonpatch-",
          "bcpkix-jdk18on-",
          "bcutil-jdk18on-",
          "bcprov-jdk18on-",
          "json-schema-validator-",
          "itu-");

  @TempDir static Path work;
  private static JsonNode manifest;
  private static JsonNode config;
  private static Path root;

  /** Each file's mode string as tar lists it ("-rwxr-xr-x"), by path without the leading "/". */
  private static final Map<String, String> MODES = new HashMap<>();

  @BeforeAll
  static void unpack() throws Exception {
    assertThat(IMAGE)
        .as("the image tarball, built by mvn verify (jib:buildTar in pre-integration-test)")
        .isRegularFile();
    Path tarball = Files.createDirectories(work.resolve("tarball"));
    run("tar", "-xf", IMAGE.toString(), "-C", tarball.toString());
    ObjectMapper json = new ObjectMapper();
    manifest = json.readTree(tarball.resolve("manifest.json").toFile()).get(0);
    config = json.readTree(tarball.resolve(manifest.get("Config").asText()).toFile());
    root = Files.createDirectories(work.resolve("root"));
    for (JsonNode layer : manifest.get("Layers")) {
      String file = tarball.resolve(layer.asText()).toString();
      for (String line : run("tar", "-tvzf", file).split("\n")) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length >= 6) {
          MODES.put(fields[fields.length - 1], fields[0]);
        }
      }
      run("tar", "-xzf", file, "-C", root.toString());
    }
  }

  @Test
  void isTaggedAndRunsTheOperatorsMainClassAsANonRootUser() {
    assertThat(manifest.get("RepoTags").get(0).asText()).startsWith("releasegate:");
    JsonNode container = config.get("config");
    assertThat(strings(container.get("Entrypoint")))
        .containsExactly(
            "java",
            "-cp",
            "/app/resources:/app/classes:/app/libs/*",
            "dev.releasegate.Releasegate");
    // The chart passes only args (--cluster ...): they follow the entrypoint, and no Cmd is
    // there for them to replace.
    JsonNode cmd = container.path("Cmd");
    assertThat(cmd.isMissingNode() || cmd.isNull()).as("no Cmd: %s", cmd).isTrue();
    assertThat(container.get("User").asText()).isEqualTo("65532");
    assertThat(container.get("WorkingDir").asText()).isEqualTo("/app");
    assertThat(strings(container.get("Env"))).contains("JAVA_HOME=/opt/java");
    assertThat(strings(container.get("Env")))
        .anySatisfy(e -> assertThat(e).startsWith("PATH=/opt/java/bin:"));
  }

  @Test
  void holdsAnExecutableJavaItsLibrariesAndTheMainClass() {
    assertThat(MODES.get("opt/java/bin/java")).isEqualTo("-rwxr-xr-x");
    assertThat(MODES.get("opt/java/lib/jspawnhelper")).isEqualTo("-rwxr-xr-x");
    // java's ELF interpreter and the libraries it and libjvm link against.
    assertThat(MODES).containsKeys("lib64/ld-linux-x86-64.so.2", "opt/java/lib/server/libjvm.so");
    assertThat(MODES.keySet())
        .anyMatch(p -> p.matches("lib/x86_64-linux-gnu/libc\\.so\\.6"))
        .anyMatch(p -> p.matches("(usr/)?lib/x86_64-linux-gnu/libz\\.so\\.1"));
    assertThat(MODES).containsKey("app/classes/dev/releasegate/Releasegate.class");
    assertThat(MODES).containsKey("app/resources/crds/modelreleases.releasegate.dev-v1.yml");
  }

  @Test
  void classpathIsTheOperatorsDependenciesWithoutTheDemos() throws IOException {
    Set<String> inImage = jars(root.resolve("app/libs"));
    assertThat(inImage)
        .anyMatch(j -> j.startsWith("operator-framework-core-"))
        .anyMatch(j -> j.startsWith("kubernetes-client-7"))
        .anyMatch(j -> j.startsWith("kubernetes-httpclient-vertx-"))
        .anyMatch(j -> j.startsWith("vertx-core-"))
        .anyMatch(j -> j.startsWith("picocli-"));
    assertThat(inImage).noneMatch(ImageTest::demoOnly);
    // Everything else the build's runtime classpath (target/lib) holds is there: the filter
    // takes out the demo's jars and nothing more.
    Set<String> runtime = jars(Path.of("target/lib"));
    assertThat(runtime).anyMatch(ImageTest::demoOnly);
    assertThat(inImage)
        .isEqualTo(runtime.stream().filter(j -> !demoOnly(j)).collect(Collectors.toSet()));
  }

  @Test
  void clusterModeStartsInTheImage() throws Exception {
    // Port 1 on loopback: nothing listens, so the operator gets as far as its first request.
    Files.createDirectories(root.resolve("tmp"));
    Files.writeString(
        root.resolve("tmp/kubeconfig"),
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters: [{name: c, cluster: {server: 'https://127.0.0.1:1'}}]",
            "users: [{name: u, user: {token: t}}]",
            "contexts: [{name: c, context: {cluster: c, user: u}}]",
            "current-context: c",
            ""));
    // The image's entrypoint and environment, chrooted into its unpacked layers, so java, its
    // libraries and glibc are the image's own. A user namespace makes the chroot and the mount
    // need no real root; /proc is mounted because glibc finds $ORIGIN (java's RPATH to libjli)
    // through /proc/self/exe, as a container runtime provides it. The user inside is the
    // namespace's root, not the image's 65532, which the config test checks instead.
    Files.createDirectories(root.resolve("proc"));
    JsonNode container = config.get("config");
    List<String> environment = new ArrayList<>(strings(container.get("Env")));
    environment.add("KUBECONFIG=/tmp/kubeconfig");
    String script =
        "root=$1; shift; PATH=$PATH:/usr/sbin:/sbin; chroot=$(command -v chroot);"
            + " mount -t proc proc \"$root/proc\" && exec env -i "
            + environment.stream().map(e -> "'" + e + "'").collect(Collectors.joining(" "))
            + " \"$chroot\" \"$root\" \"$@\"";
    List<String> command =
        new ArrayList<>(
            List.of(
                "unshare",
                "--fork",
                "--pid",
                "--mount",
                "--map-root-user",
                "sh",
                "-c",
                script,
                "sh",
                root.toString()));
    command.addAll(strings(container.get("Entrypoint")));
    command.addAll(List.of("--cluster", "--http-port=0", "--no-leader-election"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String log = new String(output, StandardCharsets.UTF_8);
    assertThat(log)
        .as("the operator's output in the image")
        .contains("Connection refused: /127.0.0.1:1")
        .doesNotContain("NoClassDefFoundError")
        .doesNotContain("ClassNotFoundException");
    assertThat(process.exitValue()).isNotZero();
  }

  private static boolean demoOnly(String jar) {
    return DEMO_ONLY.stream().anyMatch(jar::startsWith);
  }

  private static Set<String> jars(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".jar"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    return output;
  }
}
