package dev.releasegate.crd;

import dev.releasegate.api.v1alpha1.ModelRelease;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Build step: generates the ModelRelease CRD from the API classes and checks that the committed
 * copies are identical, so the CRD a cluster installs is always the one the code was written
 * against. With {@code -Dcrd.update=true} it rewrites the committed copies instead.
 *
 * <p>Arguments: the output directory, then every committed copy to check.
 */
public final class CrdGenerator {
  private CrdGenerator() {}

  public static void main(String[] args) throws IOException {
    Path outputDir = Files.createDirectories(Path.of(args[0]));
    Path generated = generate(outputDir);
    boolean update = Boolean.getBoolean("crd.update");
    StringBuilder drift = new StringBuilder();
    for (String committedPath : Arrays.asList(args).subList(1, args.length)) {
      Path committed = Path.of(committedPath);
      if (update) {
        Files.createDirectories(committed.getParent());
        Files.copy(generated, committed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } else if (!Files.exists(committed) || Files.mismatch(generated, committed) != -1L) {
        drift.append("\n  ").append(committed);
      }
    }
    if (drift.length() > 0) {
      throw new IllegalStateException(
          "The committed CRD differs from the one generated from the API classes ("
              + generated
              + "):"
              + drift
              + "\nReview the change, then run: mvn -q process-test-classes -Dcrd.update=true");
    }
  }

  /** Writes the CRD into {@code outputDir} and returns its path. */
  static Path generate(Path outputDir) {
    var info =
        new io.fabric8.crdv2.generator.CRDGenerator()
            .customResourceClasses(ModelRelease.class)
            .forCRDVersions("v1")
            .withPostProcessor(new DeclaredColumnOrder(ModelRelease.class))
            .inOutputDir(outputDir.toFile())
            .detailedGenerate();
    return Path.of(info.getCRDInfos("modelreleases.releasegate.dev").get("v1").getFilePath());
  }

  /**
   * The generator sorts printer columns by JSON path; kubectl shows them in CRD order, so put them
   * back in the order the resource class declares them (phase first, message last).
   */
  private record DeclaredColumnOrder(Class<?> resource) implements CRDPostProcessor {
    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
      List<String> declared =
          Arrays.stream(resource.getAnnotationsByType(AdditionalPrinterColumn.class))
              .map(AdditionalPrinterColumn::name)
              .toList();
      ((CustomResourceDefinition) crd)
          .getSpec()
          .getVersions()
          .forEach(
              version ->
                  version
                      .getAdditionalPrinterColumns()
                      .sort(
                          Comparator.comparingInt(
                              (CustomResourceColumnDefinition c) ->
                                  declared.indexOf(c.getName()))));
      // The generator leaves the kind itself undescribed; kubectl explain mrel shows this.
      com.fasterxml.jackson.annotation.JsonClassDescription description =
          resource.getAnnotation(com.fasterxml.jackson.annotation.JsonClassDescription.class);
      if (description != null) {
        ((CustomResourceDefinition) crd)
            .getSpec()
            .getVersions()
            .forEach(
                version ->
                    version.getSchema().getOpenAPIV3Schema().setDescription(description.value()));
      }
      return crd;
    }
  }
}
