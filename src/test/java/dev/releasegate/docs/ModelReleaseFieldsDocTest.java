package dev.releasegate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The field and column tables of docs/reference.md name what the committed CRD holds: the spec's
 * and the status' top-level fields (the required ones marked), and the printer columns of {@code
 * kubectl get mrel}. The text of each field stays in the CRD, for kubectl explain.
 */
class ModelReleaseFieldsDocTest {
  private static final Path CRD = Path.of("crds/modelreleases.releasegate.dev-v1.yml");
  private static final MarkdownPage PAGE = MarkdownPage.read(Path.of("docs/reference.md"));

  private static CustomResourceDefinitionVersion version() throws IOException {
    return Serialization.unmarshal(Files.readString(CRD), CustomResourceDefinition.class)
        .getSpec()
        .getVersions()
        .get(0);
  }

  private static JSONSchemaProps schema(String part) throws IOException {
    return version().getSchema().getOpenAPIV3Schema().getProperties().get(part);
  }

  /** The fields a table's first column names: one or more code spans per row. */
  private static List<String> fields(MarkdownPage.Table table) {
    List<String> fields = new ArrayList<>();
    for (String cell : table.column("field")) {
      List<String> spans = MarkdownPage.codeSpans(cell);
      assertThat(spans).as("a row names its fields in code: %s", cell).isNotEmpty();
      fields.addAll(spans);
    }
    return fields;
  }

  @Test
  void theSpecTableNamesEveryTopLevelFieldOnceAndMarksTheRequiredOnes() throws IOException {
    MarkdownPage.Table table = PAGE.tableUnder("The spec");
    JSONSchemaProps spec = schema("spec");

    assertThat(fields(table))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(spec.getProperties().keySet());
    List<String> marked =
        table.column("field").stream()
            .filter(cell -> cell.contains("(required)"))
            .map(cell -> MarkdownPage.codeSpans(cell).get(0))
            .toList();
    assertThat(marked).containsExactlyInAnyOrderElementsOf(spec.getRequired());
  }

  @Test
  void theStatusTableNamesEveryTopLevelFieldOnce() throws IOException {
    assertThat(fields(PAGE.tableUnder("The status")))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(schema("status").getProperties().keySet());
  }

  @Test
  void theColumnsTableIsThePrinterColumnsInOrder() throws IOException {
    MarkdownPage.Table table =
        PAGE.tables().stream()
            .filter(t -> t.header().equals(List.of("column", "from")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no table of printer columns"));
    List<String> documented = new ArrayList<>();
    for (List<String> row : table.rows()) {
      String column = MarkdownPage.codeSpans(row.get(0)).get(0);
      boolean wide = row.get(0).contains("(wide)");
      documented.add(
          column + " " + MarkdownPage.codeSpans(row.get(1)).get(0) + (wide ? " wide" : ""));
    }

    List<String> inCrd =
        version().getAdditionalPrinterColumns().stream()
            .map(c -> c.getName().toUpperCase(Locale.ROOT) + " " + c.getJsonPath() + wide(c))
            .toList();
    assertThat(documented).containsExactlyElementsOf(inCrd);
  }

  private static String wide(CustomResourceColumnDefinition column) {
    return column.getPriority() != null && column.getPriority() > 0 ? " wide" : "";
  }
}
