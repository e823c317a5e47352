package dev.releasegate.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Applies YAML manifests the way a GitOps tool would for a newcomer's demo. */
final class Manifests {
  private Manifests() {}

  /**
   * Creates or updates every object in the file as written (the demo serves the addresses the
   * examples name); returns them as {@code Kind/name}.
   */
  static List<String> apply(KubernetesClient client, Path file, String namespace) {
    List<String> applied = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      // Evidence first: a release applied before its ConfigMaps would read them as missing.
      List<HasMetadata> items =
          client.load(in).items().stream()
              .sorted(Comparator.comparing(item -> "ModelRelease".equals(item.getKind())))
              .toList();
      for (HasMetadata item : items) {
        if (item.getMetadata().getNamespace() == null) {
          item.getMetadata().setNamespace(namespace);
        }
        // Server-side apply, as a GitOps tool does: annotations others set (sign-offs, a freeze
        // exception) stay, where a plain update would drop them.
        client.resource(item).fieldManager("releasegate-demo").forceConflicts().serverSideApply();
        applied.add(item.getKind() + "/" + item.getMetadata().getName());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return applied;
  }
}
