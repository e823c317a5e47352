package dev.releasegate.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRD a cluster installs is the one generated from the API classes, and it teaches its fields.
 */
class CommittedCrdTest {
  private static final Path COMMITTED = Path.of("crds/modelreleases.releasegate.dev-v1.yml");

  @Test
  void theCommittedCrdIsWhatTheApiClassesGenerate(@TempDir Path dir) throws Exception {
    Path generated = CrdGenerator.generate(dir);
    assertThat(Files.readString(COMMITTED)).isEqualTo(Files.readString(generated));
    assertThat(Path.of("helm/releasegate/crds").resolve(COMMITTED.getFileName()))
        .hasSameTextualContentAs(COMMITTED);
  }

  @Test
  void printerColumnsShowWhatOnCallReadsFirst() throws Exception {
    assertThat(crd().getSpec().getVersions().get(0).getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getName)
        .containsExactly(
            "Phase", "Stable", "Canary", "Weight", "Gates", "Age", "Reason", "Traffic");
  }

  @Test
  void wideAddsOnlyShortColumnsSoRowsDoNotWrap() throws Exception {
    // A message runs to several sentences; as a column it would wrap every row of -o wide.
    assertThat(crd().getSpec().getVersions().get(0).getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getJsonPath)
        .doesNotContain(".status.message");
  }

  @Test
  void everySpecAndStatusFieldHasADescriptionForKubectlExplain() throws Exception {
    JSONSchemaProps root = crd().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
    List<String> undescribed = new ArrayList<>();
    if (root.getDescription() == null) {
      undescribed.add("ModelRelease");
    }
    for (String top : List.of("spec", "status")) {
      if (root.getProperties().get(top).getDescription() == null) {
        undescribed.add(top);
      }
      collectUndescribed(top, root.getProperties().get(top), undescribed);
    }
    assertThat(undescribed).isEmpty();
  }

  private static void collectUndescribed(
      String path, JSONSchemaProps schema, List<String> undescribed) {
    if (schema.getProperties() != null) {
      for (Map.Entry<String, JSONSchemaProps> field : schema.getProperties().entrySet()) {
        String fieldPath = path + "." + field.getKey();
        if (field.getValue().getDescription() == null
            || field.getValue().getDescription().isBlank()) {
          undescribed.add(fieldPath);
        }
        collectUndescribed(fieldPath, field.getValue(), undescribed);
      }
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      collectUndescribed(path + "[]", schema.getItems().getSchema(), undescribed);
    }
  }

  private static CustomResourceDefinition crd() throws Exception {
    return Serialization.unmarshal(Files.readString(COMMITTED), CustomResourceDefinition.class);
  }
}
