package dev.releasegate.embedded;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine's real kubectl against the class's embedded server, through a written kubeconfig, and
 * a fresh namespace for each test (kubectl checks that the namespace exists when an object is not
 * found, as on a real cluster).
 */
abstract class KubectlTestSupport extends EmbeddedApiTestSupport {

  @TempDir static Path workDir;

  static Kubectl kubectl;
  String ns;

  @BeforeAll
  static void writeKubeconfig() {
    Kubectl.assertInstalled();
    kubectl = new Kubectl(api.writeKubeconfig(workDir.resolve("kubeconfig")), workDir);
  }

  @BeforeEach
  void useFreshNamespace() {
    ns = newNamespace();
    client
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
  }
}
