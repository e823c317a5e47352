package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine's real kubectl (v1.32) against the embedded server, through a written kubeconfig. */
class KubectlTest extends EmbeddedApiTestSupport {

  @TempDir static Path workDir;

  private static Kubectl kubectl;
  private String ns;

  @BeforeAll
  static void writeKubeconfig() {
    Kubectl.assertInstalled();
    kubectl = new Kubectl(api.writeKubeconfig(workDir.resolve("kubeconfig")), workDir);
  }

  @BeforeEach
  void useFreshNamespace() {
    ns = newNamespace();
    // kubectl checks that the namespace exists when an object is not found, as on a real cluster.
    client
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
  }

  @Test
  void getShowsThePrinterColumns() {
    widgets().resource(widget(ns, "w1", Map.of("size", "small"))).create();
    setStatus("w1", "{\"phase\":\"Canary\",\"canary\":{\"weight\":25}}");
    widgets().resource(widget(ns, "w2", Map.of("size", "large"))).create();

    String table = kubectl.run("get", "widgets", "-n", ns).assertSuccess().stdout();

    assertThat(table.lines().toList())
        .hasSize(3)
        .satisfies(lines -> assertThat(lines.get(0)).matches("NAME\\s+PHASE\\s+WEIGHT\\s+AGE"))
        .satisfies(lines -> assertThat(lines.get(1)).matches("w1\\s+Canary\\s+25\\s+\\d+s"))
        .satisfies(lines -> assertThat(lines.get(2)).matches("w2\\s+\\d+s"));
    assertThat(kubectl.run("get", "wdg", "-n", ns, "-o", "wide").assertSuccess().stdout())
        .contains("SIZE")
        .containsPattern("w2\\s+large");
    assertThat(kubectl.run("get", "wdg", "-A").assertSuccess().stdout())
        .containsPattern("NAMESPACE\\s+NAME")
        .containsPattern(ns + "\\s+w1\\s+Canary");
  }

  @Test
  void getByShortNameAsYaml() {
    widgets().resource(widget(ns, "w1", Map.of("size", "small"))).create();

    String yaml = kubectl.run("get", "wdg", "w1", "-n", ns, "-o", "yaml").assertSuccess().stdout();

    assertThat(yaml).contains("kind: Widget", "name: w1", "namespace: " + ns, "size: small");
    assertThat(kubectl.run("get", "wdg", "missing", "-n", ns).stderr())
        .contains("widgets.test.releasegate.dev \"missing\" not found");
  }

  @Test
  void createsAndAppliesFromFiles() {
    Path file = kubectl.file(ns + "-w1.yaml", widgetYaml("w1", "small"));
    kubectl.run("create", "--validate=false", "-n", ns, "-f", file.toString()).assertSuccess();
    assertThat(storedWidget("w1").get("spec", "size").toString()).isEqualTo("small");

    Path applied = kubectl.file(ns + "-w2.yaml", widgetYaml("w2", "small"));
    assertThat(
            kubectl
                .run("apply", "--validate=false", "-n", ns, "-f", applied.toString())
                .assertSuccess()
                .stdout())
        .contains("widget.test.releasegate.dev/w2 created");
    kubectl.file(ns + "-w2.yaml", widgetYaml("w2", "large"));
    assertThat(
            kubectl
                .run("apply", "--validate=false", "-n", ns, "-f", applied.toString())
                .assertSuccess()
                .stdout())
        .contains("widget.test.releasegate.dev/w2 configured");

    GenericKubernetesResource w2 = storedWidget("w2");
    assertThat(w2.get("spec", "size").toString()).isEqualTo("large");
    assertThat(w2.getMetadata().getGeneration()).isEqualTo(2L);
  }

  @Test
  void annotatesLabelsAndDeletes() {
    widgets().resource(widget(ns, "w1", Map.of("size", "small"))).create();

    kubectl.run("annotate", "wdg", "w1", "-n", ns, "releasegate.dev/kill=true").assertSuccess();
    assertThat(storedWidget("w1").getMetadata().getAnnotations())
        .containsEntry("releasegate.dev/kill", "true");
    kubectl
        .run("annotate", "wdg", "w1", "-n", ns, "releasegate.dev/kill=false", "--overwrite")
        .assertSuccess();
    assertThat(storedWidget("w1").getMetadata().getAnnotations())
        .containsEntry("releasegate.dev/kill", "false");
    kubectl.run("annotate", "wdg", "w1", "-n", ns, "releasegate.dev/kill-").assertSuccess();
    assertThat(storedWidget("w1").getMetadata().getAnnotations()).isNullOrEmpty();

    kubectl.run("label", "wdg", "w1", "-n", ns, "tier=gold").assertSuccess();
    assertThat(storedWidget("w1").getMetadata().getLabels()).containsEntry("tier", "gold");
    assertThat(kubectl.run("get", "wdg", "-n", ns, "-l", "tier=gold").assertSuccess().stdout())
        .contains("w1");

    kubectl.run("delete", "wdg", "w1", "-n", ns).assertSuccess();
    assertThat(widgets().inNamespace(ns).withName("w1").get()).isNull();
  }

  @Test
  void patchesSpecAndStatus() {
    widgets().resource(widget(ns, "w1", Map.of("size", "small"))).create();

    kubectl
        .run(
            "patch", "wdg", "w1", "-n", ns, "--type=merge", "-p", "{\"spec\":{\"size\":\"large\"}}")
        .assertSuccess();
    kubectl
        .run(
            "patch",
            "wdg",
            "w1",
            "-n",
            ns,
            "--subresource=status",
            "--type=merge",
            "-p",
            "{\"spec\":{\"size\":\"ignored\"},\"status\":{\"phase\":\"Promoted\"}}")
        .assertSuccess();

    GenericKubernetesResource w1 = storedWidget("w1");
    assertThat(w1.get("spec", "size").toString()).isEqualTo("large");
    assertThat(w1.get("status", "phase").toString()).isEqualTo("Promoted");
    assertThat(w1.getMetadata().getGeneration()).isEqualTo(2L);
  }

  @Test
  void getsAppliesAndScalesDeployments() {
    client.resource(PatchesAndSubresourcesTest.deployment(ns, "web", 2)).create();

    assertThat(kubectl.run("get", "deploy", "-n", ns).assertSuccess().stdout())
        .containsPattern("NAME\\s+AGE")
        .contains("web");

    String manifest =
        kubectl.run("get", "deploy", "web", "-n", ns, "-o", "yaml").assertSuccess().stdout();
    Path file = kubectl.file(ns + "-web.yaml", manifest.replace("image: app:1", "image: app:2"));
    kubectl.run("apply", "--validate=false", "-f", file.toString()).assertSuccess();

    kubectl.run("scale", "deploy", "web", "-n", ns, "--replicas=4").assertSuccess();

    Deployment web = client.apps().deployments().inNamespace(ns).withName("web").get();
    assertThat(web.getSpec().getReplicas()).isEqualTo(4);
    assertThat(web.getSpec().getTemplate().getSpec().getContainers())
        .extracting(c -> c.getName() + "=" + c.getImage())
        .containsExactly("app=app:2", "sidecar=sidecar:1");
    assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts()).hasSize(1);
  }

  @Test
  void discoversCustomResourcesAndExplainsTheirFields() {
    assertThat(kubectl.run("api-resources").assertSuccess().stdout())
        .containsPattern("widgets\\s+wdg\\s+test.releasegate.dev/v1\\s+true\\s+Widget")
        .containsPattern("deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment");

    assertThat(kubectl.run("explain", "widgets.spec").assertSuccess().stdout())
        .contains("KIND:       Widget", "size\t<string>", "How big the widget is.");
    assertThat(kubectl.run("explain", "wdg.status.canary.weight").assertSuccess().stdout())
        .contains("FIELD: weight <integer>", "Percent of traffic on the canary.");
  }

  @Test
  void watchesOverPlainHttpFailFastWithAReason() {
    Kubectl.Result watch = kubectl.run("get", "wdg", "-n", ns, "--watch");

    assertThat(watch.exitCode()).isNotZero();
    assertThat(watch.stderr()).contains("serves watches over WebSocket only");
  }

  private GenericKubernetesResource storedWidget(String name) {
    return widgets().inNamespace(ns).withName(name).get();
  }

  private void setStatus(String name, String statusJson) {
    widgets()
        .inNamespace(ns)
        .withName(name)
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":" + statusJson + "}");
  }

  private static String widgetYaml(String name, String size) {
    return """
        apiVersion: test.releasegate.dev/v1
        kind: Widget
        metadata:
          name: %s
        spec:
          size: %s
        """
        .formatted(name, size);
  }
}
