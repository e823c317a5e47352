package dev.releasegate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.ConfigMapKey;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Evidence that cannot be read is a sentence naming where it should be, never an exception. */
class EvidenceReaderTest {
  private static final ConfigMapKey REF = new ConfigMapKey("packet", "modelCard");

  private static ConfigMap configMap(String key, String value) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("packet")
        .endMetadata()
        .addToData(key, value)
        .build();
  }

  @Test
  void aMissingConfigMapIsNamedWithTheLabelItNeeds() {
    var document = EvidenceReader.document(REF, Optional.empty(), "ml");
    assertThat(document.problem())
        .isEqualTo(
            "ConfigMap packet was not found in namespace ml among ConfigMaps labelled releasegate.dev/evidence=true");
  }

  @Test
  void aMissingKeyListsTheKeysThatExist() {
    var document = EvidenceReader.document(REF, Optional.of(configMap("runbook", "x")), "ml");
    assertThat(document.problem())
        .isEqualTo("ConfigMap packet has no key modelCard (keys: runbook)");
  }

  @Test
  void anEmptyOrOversizedValueDoesNotCount() {
    assertThat(
            EvidenceReader.document(REF, Optional.of(configMap("modelCard", "  \n")), "ml")
                .problem())
        .endsWith("is empty");
    String huge = "x".repeat(50 * 1024 * 1024);
    assertThat(
            EvidenceReader.document(REF, Optional.of(configMap("modelCard", huge)), "ml").problem())
        .contains("over the 1 MiB a ConfigMap may hold");
  }

  @Test
  void binaryDataIsDecodedAndDigested() {
    ConfigMap binary =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("packet")
            .endMetadata()
            .addToBinaryData(
                "modelCard",
                Base64.getEncoder().encodeToString("card".getBytes(StandardCharsets.UTF_8)))
            .build();
    var document = EvidenceReader.document(REF, Optional.of(binary), "ml");
    assertThat(document.content()).isEqualTo("card");
    assertThat(document.sha256())
        .isEqualTo(
            "8367cd66fdd136bba8ba23f8805bb050dd6289401c8ec3b0be44a3c233eef90d"); // sha256 of "card"
  }
}
