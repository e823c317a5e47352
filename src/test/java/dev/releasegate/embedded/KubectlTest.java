package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The machine's real kubectl (v1.32) against the embedded server, through a written kubeconfig. */
@Integration
class KubectlTest extends KubectlTestSupport {

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
  void whoamiNamesTheKubeconfigsUserSoAPastedByWorks() {
    assertThat(
            kubectl
                .run("auth", "whoami", "-o", "jsonpath={.status.userInfo.username}")
                .assertSuccess()
                .stdout())
        .isEqualTo("releasegate-embedded");
    widgets().resource(widget(ns, "w1", Map.of("size", "small"))).create();

    kubectl
        .paste(
            "kubectl annotate -n "
                + ns
                + " widget w1 example.com/by=\"$(kubectl auth whoami -o"
                + " jsonpath='{.status.userInfo.username}')\"")
        .assertSuccess();

    assertThat(storedWidget("w1").getMetadata().getAnnotations())
        .containsEntry("example.com/by", "releasegate-embedded");
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
    assertThat(kubectl.run("create", "--validate=false", "-n", ns, "-f", file.toString()).stderr())
        .as("as a real server answers a name that is taken")
        .contains("Error from server (AlreadyExists)")
        .contains("widgets.test.releasegate.dev \"w1\" already exists");

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
        .containsPattern("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE")
        .containsPattern("web\\s+0/2\\s+0\\s+0\\s+\\d+s");

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
  void describeListsTheEventsOfACustomResource() {
    GenericKubernetesResource w1 =
        widgets().resource(widget(ns, "w1", Map.of("size", "small"))).create();
    GenericKubernetesResource w2 =
        widgets().resource(widget(ns, "w2", Map.of("size", "large"))).create();
    recordEvent(w1, "Warning", "KillSwitch", "rolled back to 1.2.0");
    recordEvent(w2, "Normal", "Promoted", "w2 is promoted");

    String described = kubectl.run("describe", "wdg", "w1", "-n", ns).assertSuccess().stdout();

    assertThat(described)
        .containsPattern("Events:\\s+Type\\s+Reason\\s+Age\\s+From\\s+Message")
        .containsPattern("Warning\\s+KillSwitch\\s+\\d+s\\s+releasegate\\s+rolled back to 1.2.0")
        .doesNotContain("Promoted");
  }

  @Test
  void getEventsFiltersByFieldSelectorAndPrintsLikeACluster() {
    GenericKubernetesResource w1 =
        widgets().resource(widget(ns, "w1", Map.of("size", "small"))).create();
    GenericKubernetesResource w2 =
        widgets().resource(widget(ns, "w2", Map.of("size", "large"))).create();
    recordEvent(w1, "Warning", "KillSwitch", "rolled back to 1.2.0");
    recordEvent(w2, "Normal", "Promoted", "w2 is promoted");

    String forW1 =
        kubectl
            .run("get", "events", "-n", ns, "--field-selector", "involvedObject.name=w1")
            .assertSuccess()
            .stdout();
    String notWarnings =
        kubectl
            .run("get", "ev", "-n", ns, "--field-selector", "type!=Warning,source=releasegate")
            .assertSuccess()
            .stdout();
    Kubectl.Result none =
        kubectl
            .run("get", "events", "-n", ns, "--field-selector", "involvedObject.name=w3")
            .assertSuccess();

    assertThat(forW1.lines()).hasSize(2);
    assertThat(forW1)
        .containsPattern("LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT\\s+MESSAGE")
        .containsPattern("\\d+s\\s+Warning\\s+KillSwitch\\s+widget/w1\\s+rolled back to 1.2.0");
    assertThat(notWarnings).contains("widget/w2").doesNotContain("widget/w1");
    assertThat(none.stderr()).contains("No resources found");
  }

  @Test
  void printsBuiltInKindsWithTheirColumns() {
    client.resource(PatchesAndSubresourcesTest.deployment(ns, "web", 3)).create();
    client
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName("web")
        .subresource("status")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"status\":{\"readyReplicas\":2,\"updatedReplicas\":3,\"availableReplicas\":2}}");
    client
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", "web")
                .addNewPort()
                .withPort(8080)
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build())
        .create();
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("settings")
                .withNamespace(ns)
                .endMetadata()
                .addToData(Map.of("a", "1", "b", "2"))
                .build())
        .create();
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("token")
                .withNamespace(ns)
                .endMetadata()
                .addToData("token", "c2VjcmV0")
                .build())
        .create();

    assertThat(kubectl.run("get", "deploy", "-n", ns).assertSuccess().stdout())
        .containsPattern("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE\\n")
        .containsPattern("web\\s+2/3\\s+3\\s+2\\s+\\d+s");
    assertThat(kubectl.run("get", "deploy", "-n", ns, "-o", "wide").assertSuccess().stdout())
        .containsPattern("CONTAINERS\\s+IMAGES\\s+SELECTOR")
        .containsPattern("app,sidecar\\s+app:1,sidecar:1\\s+app=web");
    assertThat(kubectl.run("get", "svc", "-n", ns).assertSuccess().stdout())
        .containsPattern("NAME\\s+TYPE\\s+CLUSTER-IP\\s+EXTERNAL-IP\\s+PORT\\(S\\)\\s+AGE")
        .containsPattern("web\\s+ClusterIP\\s+<none>\\s+<none>\\s+8080/TCP\\s+\\d+s");
    assertThat(kubectl.run("get", "cm", "settings", "-n", ns).assertSuccess().stdout())
        .containsPattern("NAME\\s+DATA\\s+AGE")
        .containsPattern("settings\\s+2\\s+\\d+s");
    assertThat(kubectl.run("get", "secret", "-n", ns).assertSuccess().stdout())
        .containsPattern("NAME\\s+TYPE\\s+DATA\\s+AGE")
        .containsPattern("token\\s+Opaque\\s+1\\s+\\d+s");
    assertThat(kubectl.run("get", "ns", ns).assertSuccess().stdout())
        .containsPattern("NAME\\s+STATUS\\s+AGE")
        .containsPattern(ns + "\\s+Active\\s+\\d+s");
  }

  @Test
  void labelColumnsAndMachineReadableOutputStayAsTheyWere() {
    client.resource(PatchesAndSubresourcesTest.deployment(ns, "web", 1)).create();
    kubectl.run("label", "deploy", "web", "-n", ns, "tier=gold").assertSuccess();

    assertThat(kubectl.run("get", "deploy", "-n", ns, "-L", "tier").assertSuccess().stdout())
        .containsPattern("AGE\\s+TIER")
        .containsPattern("web\\s+0/1\\s+0\\s+0\\s+\\d+s\\s+gold");
    assertThat(kubectl.run("get", "deploy", "-n", ns, "--show-labels").assertSuccess().stdout())
        .containsPattern("AGE\\s+LABELS")
        .contains("tier=gold");
    assertThat(kubectl.run("get", "deploy", "web", "-n", ns, "-o", "yaml").assertSuccess().stdout())
        .startsWith("apiVersion: apps/v1\nkind: Deployment\n")
        .contains("replicas: 1");
    assertThat(kubectl.run("get", "deploy", "-n", ns, "-o", "json").assertSuccess().stdout())
        .contains("\"kind\": \"List\"", "\"kind\": \"Deployment\"");
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
  void createRawPostsAJsonFileAndRefusesYamlAsARealServerDoes() {
    String collection = "/api/v1/namespaces/" + ns + "/configmaps";
    Path json =
        kubectl.file(
            ns + "-raw.json",
            """
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "raw-json"},
             "data": {"a": "1"}}
            """);
    Path yaml =
        kubectl.file(
            ns + "-raw.yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: raw-yaml
            """);

    String created = kubectl.run("create", "--raw", collection, "-f", json.toString()).stdout();
    // kubectl --raw sends the file as it is, chunked and without a Content-Type, which a real
    // server reads as JSON: a YAML file is refused, with the reason.
    Kubectl.Result refused = kubectl.run("create", "--raw", collection, "-f", yaml.toString());

    assertThat(created).contains("\"name\":\"raw-json\"");
    assertThat(client.configMaps().inNamespace(ns).withName("raw-json").get().getData())
        .containsEntry("a", "1");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stderr())
        .contains("(BadRequest)", "not valid JSON", "Content-Type: application/yaml");
    assertThat(client.configMaps().inNamespace(ns).withName("raw-yaml").get()).isNull();
  }

  @Test
  void typedCreateCommandsAreRefusedWithTheWayAroundWhichWorks() {
    Kubectl.Result refused = kubectl.run("create", "deployment", "web", "--image=app:1", "-n", ns);
    String generated =
        kubectl
            .run(
                "create",
                "deployment",
                "web",
                "--image=app:1",
                "-n",
                ns,
                "--dry-run=client",
                "-o",
                "yaml")
            .assertSuccess()
            .stdout();
    Path file = kubectl.file(ns + "-generated.yaml", generated);

    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stderr()).contains("not protobuf", "--dry-run=client -o yaml");
    kubectl.run("create", "--validate=false", "-f", file.toString()).assertSuccess();
    assertThat(client.apps().deployments().inNamespace(ns).withName("web").get()).isNotNull();
  }

  /** An Event about a widget, written as releasegate's ReleaseEventRecorder writes them. */
  private void recordEvent(
      GenericKubernetesResource widget, String type, String reason, String message) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    client
        .v1()
        .events()
        .inNamespace(ns)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(widget.getMetadata().getName() + "." + reason.toLowerCase())
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(widget.getApiVersion())
                .withKind(widget.getKind())
                .withName(widget.getMetadata().getName())
                .withNamespace(ns)
                .withUid(widget.getMetadata().getUid())
                .endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withCount(1)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withNewSource()
                .withComponent("releasegate")
                .endSource()
                .build())
        .create();
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
