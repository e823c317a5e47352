package dev.releasegate.cel;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CRD's own x-kubernetes-validations, as generated from the API classes' @ValidationRule and
 * committed in crds/, evaluated with cel-java against the objects they apply to. A real API server
 * refuses what fails them at apply time, with the rule's message at its field.
 */
class CrdValidationRulesTest {
  private static final KubernetesCel CEL = KubernetesCel.crdRule();

  /** Every rule in the CRD by the schema path it sits at, e.g. "spec.canary". */
  private static final Map<String, List<ValidationRule>> RULES = new TreeMap<>();

  @BeforeAll
  static void readCrd() throws Exception {
    try (InputStream yaml =
        Files.newInputStream(Path.of("crds/modelreleases.releasegate.dev-v1.yml"))) {
      CustomResourceDefinition crd = Serialization.unmarshal(yaml, CustomResourceDefinition.class);
      collect("", crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema());
    }
  }

  private static void collect(String path, JSONSchemaProps schema) {
    if (schema == null) {
      return;
    }
    if (schema.getXKubernetesValidations() != null
        && !schema.getXKubernetesValidations().isEmpty()) {
      RULES.put(path, schema.getXKubernetesValidations());
    }
    if (schema.getProperties() != null) {
      schema
          .getProperties()
          .forEach((name, child) -> collect(path.isEmpty() ? name : path + "." + name, child));
    }
    if (schema.getItems() != null) {
      collect(path + "[*]", schema.getItems().getSchema());
    }
  }

  /** The messages of the rules at {@code path} that {@code self} fails. */
  private static List<String> failures(String path, Object self) {
    assertThat(RULES).as("rules at %s", path).containsKey(path);
    List<String> failed = new ArrayList<>();
    for (ValidationRule rule : RULES.get(path)) {
      if (!Boolean.TRUE.equals(CEL.evaluate(rule.getRule(), Map.of("self", self)))) {
        failed.add(
            (rule.getFieldPath() == null ? "" : rule.getFieldPath() + ": ") + rule.getMessage());
      }
    }
    return failed;
  }

  private static Map<String, Object> steps(int... weights) {
    List<Object> steps = new ArrayList<>();
    for (int weight : weights) {
      steps.add(Map.of("weight", weight, "pause", "10m"));
    }
    return Map.of("steps", steps);
  }

  @Test
  void everyRuleInTheCrdIsOneThisTestKnows() {
    assertThat(RULES.keySet())
        .containsExactlyInAnyOrder(
            "",
            "spec",
            "spec.analysis.metrics[*]",
            "spec.canary",
            "spec.model",
            "spec.packet.artifacts[*]");
    assertThat(RULES.values().stream().mapToInt(List::size).sum()).isEqualTo(8);
    RULES.values().stream().flatMap(List::stream).forEach(rule -> CEL.compile(rule.getRule()));
  }

  @Test
  void aReleaseIsNamedAsItsServiceMustBe() {
    for (String name : List.of("claims-agent", "a", "m2", "x".repeat(63))) {
      assertThat(failures("", Map.of("metadata", Map.of("name", name)))).as(name).isEmpty();
    }
    for (String name :
        List.of("Claims-Agent", "claims.agent", "1st-model", "agent-", "x".repeat(64))) {
      assertThat(failures("", Map.of("metadata", Map.of("name", name))))
          .as(name)
          .singleElement()
          .asString()
          .startsWith("metadata.name must be a DNS-1035 label");
    }
  }

  @Test
  void aVersionIsOneALabelCanHold() {
    for (String version : List.of("1.2.0", "2026.11.1", "1.0.0-rc.1", "V_2", "9".repeat(63))) {
      assertThat(failures("spec.model", Map.of("version", version))).as(version).isEmpty();
    }
    for (String version : List.of("1.0.0+build.7", "-1", "1.0 beta", "9".repeat(64))) {
      assertThat(failures("spec.model", Map.of("version", version)))
          .as(version)
          .singleElement()
          .asString()
          .startsWith(".version: version must be a Kubernetes label value");
    }
  }

  @Test
  void aMetricHasAThresholdAndAWayToBeMeasured() {
    String metrics = "spec.analysis.metrics[*]";
    assertThat(failures(metrics, Map.of("name", "u", "query", "max(x)", "max", 0.02))).isEmpty();
    assertThat(
            failures(
                metrics,
                Map.of(
                    "name", "u", "provider", "http", "http", Map.of("url", "http://x"), "min", 1)))
        .isEmpty();
    assertThat(failures(metrics, Map.of("name", "u", "query", "max(x)")))
        .containsExactly("needs max or min: without a threshold every measurement would pass");
    assertThat(failures(metrics, Map.of("name", "u", "provider", "http", "max", 1)))
        .containsExactly(
            "needs a query (provider prometheus, the default) or http.url (provider http)");
    assertThat(failures(metrics, Map.of("name", "u", "max", 1))).hasSize(1);
  }

  @Test
  void canaryWeightsMustRiseStrictly() {
    assertThat(failures("spec.canary", steps(10, 50, 100))).isEmpty();
    assertThat(failures("spec.canary", steps(100))).isEmpty();
    assertThat(failures("spec.canary", Map.of("trafficRouting", Map.of()))).isEmpty();
    assertThat(failures("spec.canary", steps(50, 20)))
        .containsExactly(
            ".steps: weights must rise strictly from step to step, for example 10, 50, 100");
    assertThat(failures("spec.canary", steps(25, 25, 100))).hasSize(1);
  }

  @Test
  void anArtifactIsEitherInAConfigMapOrAtAUrl() {
    Map<String, Object> configMap = Map.of("name", "assistant-evidence", "key", "modelCard");
    String sha256 = "5f0c6b7e1d2a3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7";

    assertThat(
            failures(
                "spec.packet.artifacts[*]",
                Map.of("type", "modelCard", "configMapKeyRef", configMap)))
        .isEmpty();
    assertThat(
            failures(
                "spec.packet.artifacts[*]",
                Map.of(
                    "type",
                    "vendorTerms",
                    "url",
                    "https://legal.example.com/t.pdf",
                    "sha256",
                    sha256)))
        .isEmpty();
    assertThat(
            failures(
                "spec.packet.artifacts[*]",
                Map.of(
                    "type",
                    "modelCard",
                    "configMapKeyRef",
                    configMap,
                    "url",
                    "https://x.example",
                    "sha256",
                    sha256)))
        .containsExactly(
            "give exactly one of configMapKeyRef (evidence in the cluster) or url (evidence elsewhere)");
    assertThat(failures("spec.packet.artifacts[*]", Map.of("type", "modelCard"))).hasSize(1);
  }

  @Test
  void evidenceAtAUrlNeedsItsDigest() {
    assertThat(
            failures(
                "spec.packet.artifacts[*]",
                Map.of("type", "vendorTerms", "url", "https://legal.example.com/t.pdf")))
        .containsExactly(
            ".sha256: evidence at a url needs its sha256: the operator does not fetch it, so the digest is"
                + " what reviewers signed");
  }

  @Test
  void eachRoleHasOneOwner() {
    Map<String, Object> sam = Map.of("role", "security", "name", "sam");
    Map<String, Object> pat = Map.of("role", "product", "name", "pat");
    Map<String, Object> kim = Map.of("role", "security", "name", "kim");

    assertThat(failures("spec", Map.of("owners", List.of(sam, pat)))).isEmpty();
    assertThat(failures("spec", Map.of("systemType", "FineTunedModel"))).isEmpty();
    assertThat(failures("spec", Map.of("owners", List.of(sam, pat, kim))))
        .containsExactly(".owners: name one owner per role");
  }
}
