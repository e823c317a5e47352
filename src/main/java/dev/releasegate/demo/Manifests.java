package dev.releasegate.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Applies YAML manifests the way {@code kubectl apply -f} would for a newcomer's demo. */
final class Manifests {
  private Manifests() {}

  /** Creates or updates every object in the file; returns them as {@code Kind/name}. */
  static List<String> apply(KubernetesClient client, Path file, String namespace) {
    List<String> applied = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      for (HasMetadata item : client.load(in).items()) {
        if (item.getMetadata().getNamespace() == null) {
          item.getMetadata().setNamespace(namespace);
        }
        client.resource(item).createOr(NonDeletingOperation::update);
        applied.add(item.getKind() + "/" + item.getMetadata().getName());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return applied;
  }
}
