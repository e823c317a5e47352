package dev.releasegate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.ModelSpec;
import org.junit.jupiter.api.Test;

class ModelGateTest {

  @Test
  void aBumpThatLeavesTheUriOnTheApprovedVersionIsShutAndNamed() {
    GateStatus gate =
        ModelGate.evaluate(
            new ModelSpec(
                "claims-agent",
                "1.3.0",
                "registry.example.com/claims-agent:1.3.0",
                "s3://models/claims-agent/1.2.0"),
            "1.2.0");

    assertThat(gate.satisfied()).isFalse();
    assertThat(gate.missing())
        .containsExactly(
            "spec.model.uri (s3://models/claims-agent/1.2.0) names 1.2.0, the approved version,"
                + " while spec.model.version is 1.3.0");
    assertThat(gate.reason()).endsWith("Change version, image and uri together.");
  }

  @Test
  void anImageStillTaggedWithTheApprovedVersionIsShut() {
    GateStatus gate =
        ModelGate.evaluate(
            new ModelSpec("m", "1.3.0", "registry.example.com/m:1.2.0", null), "1.2.0");
    assertThat(gate.satisfied()).isFalse();
    assertThat(gate.missing()).singleElement().asString().startsWith("spec.model.image");
  }

  @Test
  void imagesAndUrisThatNameNoVersionOrTheCandidateAreFine() {
    assertThat(
            ModelGate.evaluate(
                    new ModelSpec(
                        "m", "1.3.0", "registry.example.com/m@sha256:abc", "s3://m/1.3.0/weights"),
                    "1.2.0")
                .satisfied())
        .isTrue();
    assertThat(
            ModelGate.evaluate(new ModelSpec("m", "2", "registry.example.com/m-v1:2", null), "1")
                .satisfied())
        .isTrue();
  }
}
