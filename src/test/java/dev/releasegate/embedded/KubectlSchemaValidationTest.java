package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mistakes a user made with the real kubectl, refused as a real server refuses them: kubectl
 * prints which field is wrong and why, and nothing unreadable reaches the store.
 */
@Integration
class KubectlSchemaValidationTest extends KubectlTestSupport {

  @BeforeAll
  static void installModelReleaseCrd() {
    api.installCrd(SchemaValidationTest.MODEL_RELEASE_CRD);
  }

  @Test
  void aJsonPatchWithAStringWeightIsRefusedNamingTheStep() {
    Path manifest = kubectl.file(ns + "-release.yaml", SchemaValidationTest.RELEASE);
    kubectl.run("apply", "--validate=false", "-n", ns, "-f", manifest.toString()).assertSuccess();

    Kubectl.Result patch =
        kubectl.run(
            "patch",
            "mrel",
            "claims-agent",
            "-n",
            ns,
            "--type=json",
            "-p",
            "[{\"op\":\"replace\",\"path\":\"/spec/canary/steps/2/weight\",\"value\":\"lots\"}]");

    assertThat(patch.exitCode()).isNotZero();
    assertThat(patch.stderr())
        .contains(
            "The ModelRelease \"claims-agent\" is invalid: spec.canary.steps[2].weight: Invalid"
                + " value: \"string\": spec.canary.steps[2].weight in body must be of type"
                + " integer: \"string\"");
    assertThat(weights()).containsExactly("25", "50", "100");
  }

  @Test
  void anAppliedManifestWithAPercentSignIsRefused() {
    Path manifest =
        kubectl.file(
            ns + "-percent.yaml",
            SchemaValidationTest.RELEASE.replace(
                "{weight: 25, pause: 10m}", "{weight: 25%, pause: 10m}"));

    Kubectl.Result apply =
        kubectl.run("apply", "--validate=false", "-n", ns, "-f", manifest.toString());

    assertThat(apply.exitCode()).isNotZero();
    assertThat(apply.stderr())
        .contains("\"claims-agent\" is invalid")
        .contains(
            "spec.canary.steps[0].weight: Invalid value: \"string\": spec.canary.steps[0].weight"
                + " in body must be of type integer: \"string\"");
    assertThat(
            client
                .genericKubernetesResources("releasegate.dev/v1alpha1", "ModelRelease")
                .inNamespace(ns)
                .list()
                .getItems())
        .isEmpty();
  }

  @Test
  void everyExampleIsAccepted() throws IOException {
    List<Path> examples;
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      examples = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(examples).isNotEmpty();

    // As a person runs it: kubectl's own validation, which it leaves to this server.
    for (Path example : examples) {
      kubectl.run("apply", "-n", ns, "-f", example.toAbsolutePath().toString()).assertSuccess();
    }

    assertThat(
            client
                .genericKubernetesResources("releasegate.dev/v1alpha1", "ModelRelease")
                .inNamespace(ns)
                .list()
                .getItems())
        .hasSize(examples.size());
  }

  @Test
  void kubectlLeavesFieldValidationToTheServerWhichRefusesAnUnknownField() {
    Path typo =
        kubectl.file(
            ns + "-typo.yaml",
            SchemaValidationTest.RELEASE.replace("spec:\n", "spec:\n  sytemTipe: AgenticSystem\n"));

    Kubectl.Result apply = kubectl.run("apply", "-n", ns, "-f", typo.toString());

    assertThat(apply.exitCode()).isNotZero();
    assertThat(apply.stderr())
        .doesNotContain("--validate=false")
        .contains(
            "ModelRelease in version \"v1alpha1\" cannot be handled as a ModelRelease: strict"
                + " decoding error: unknown field \"spec.sytemTipe\"");
    Path configMap =
        kubectl.file(
            ns + "-cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: evidence\ndatta:\n  a: b\n");
    assertThat(kubectl.run("create", "-n", ns, "-f", configMap.toString()).stderr())
        .contains("strict decoding error: unknown field \"datta\"");
    assertThat(
            kubectl
                .run("create", "--validate=false", "-n", ns, "-f", configMap.toString())
                .exitCode())
        .as("without strict validation the write is not refused")
        .isZero();
  }

  private List<String> weights() {
    GenericKubernetesResource stored =
        client
            .genericKubernetesResources("releasegate.dev/v1alpha1", "ModelRelease")
            .inNamespace(ns)
            .withName("claims-agent")
            .get();
    Object steps = stored.get("spec", "canary", "steps");
    return Pattern.compile("weight=(\\d+)")
        .matcher(steps.toString())
        .results()
        .map(m -> m.group(1))
        .toList();
  }
}
