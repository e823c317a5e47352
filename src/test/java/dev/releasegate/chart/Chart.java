package dev.releasegate.chart;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The chart rendered as {@code helm template} renders it, with helm-java (no helm binary). */
public final class Chart {
  public static final Path DIRECTORY = Path.of("helm/releasegate");
  public static final String RELEASE = "releasegate";
  public static final String NAMESPACE = "releasegate-system";

  private Chart() {}

  /** The manifests for these values (YAML; empty for the defaults). */
  public static List<HasMetadata> render(String values) {
    return Serialization.unmarshal(renderText(values));
  }

  /** The rendered YAML; a failure (a value the schema refuses) throws with Helm's message. */
  public static String renderText(String values) {
    var template = new Helm(DIRECTORY).template().withName(RELEASE).withNamespace(NAMESPACE);
    if (!values.isBlank()) {
      try {
        Path file = Files.createTempFile("values", ".yaml");
        Files.writeString(file, values);
        file.toFile().deleteOnExit();
        template = template.withValuesFile(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return template.call();
  }

  /** The one object of a kind and name. */
  public static <T extends HasMetadata> T only(
      List<HasMetadata> objects, Class<T> type, String name) {
    return objects.stream()
        .filter(type::isInstance)
        .map(type::cast)
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
  }

  /** Every object of a kind. */
  public static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
