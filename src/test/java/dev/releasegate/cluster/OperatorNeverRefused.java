package dev.releasegate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After each test: the API server refused none of the operator's requests (outside the namespaces
 * where a test refuses them on purpose). A 403 means the chart grants too little, whatever else the
 * test saw.
 */
public final class OperatorNeverRefused implements AfterEachCallback {
  @Override
  public void afterEach(ExtensionContext context) {
    assertThat(Installation.shared().operatorRefusals())
        .as("requests of the operator the API server refused")
        .isEmpty();
  }
}
