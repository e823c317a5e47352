package dev.releasegate.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObjectNamesTest {
  private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

  @Test
  void aDeploymentIsNamedAfterItsReleaseAndVersionAndEndsInAHashOfBoth() {
    assertThat(ObjectNames.deployment("fraud-scorer", "3.5.0"))
        .matches("fraud-scorer-3-5-0-[0-9a-f]{10}")
        .isEqualTo(ObjectNames.deployment("fraud-scorer", "3.5.0"));
    assertThat(ObjectNames.packetRecord("fraud-scorer", "3.5.0"))
        .matches("fraud-scorer-packet-3-5-0-[0-9a-f]{10}");
  }

  @Test
  void versionsThatReadAlikeAsADnsLabelGetTheirOwnDeploymentAndRecord() {
    assertThat(ObjectNames.deployment("chat", "1.0.0"))
        .isNotEqualTo(ObjectNames.deployment("chat", "1-0-0"))
        .isNotEqualTo(ObjectNames.deployment("chat", "1_0_0"));
    assertThat(ObjectNames.deployment("chat", "RC1"))
        .isNotEqualTo(ObjectNames.deployment("chat", "rc1"));
    assertThat(ObjectNames.packetRecord("chat", "1.0.0"))
        .isNotEqualTo(ObjectNames.packetRecord("chat", "1-0-0"));
  }

  @Test
  void aReleaseAndVersionThatJoinAlikeDoNotShareADeployment() {
    assertThat(ObjectNames.deployment("a-b", "c")).isNotEqualTo(ObjectNames.deployment("a", "b-c"));
    assertThat(ObjectNames.packetRecord("a", "1-packet-2"))
        .isNotEqualTo(ObjectNames.packetRecord("a-packet-1", "2"));
  }

  @Test
  void longNamesKeepAPrefixAndStayValidDnsLabels() {
    String release = "a-very-long-release-name-that-a-platform-team-generated-from-ab";
    String version = "2026.11.30-rc.1-built-by-the-nightly-pipeline-of-the-ml-platform";
    String one = ObjectNames.deployment(release, version);
    assertThat(one)
        .hasSizeLessThanOrEqualTo(63)
        .startsWith("a-very-long-release-name")
        .matches(DNS_LABEL);
    assertThat(one).isNotEqualTo(ObjectNames.deployment(release, version + "2"));
    assertThat(ObjectNames.packetRecord(release, version))
        .hasSizeLessThanOrEqualTo(63)
        .matches(DNS_LABEL);
    assertThat(ObjectNames.releaseLabel(release)).isEqualTo(release);
    assertThat(ObjectNames.trackService(release, ObjectNames.CANARY))
        .hasSizeLessThanOrEqualTo(63)
        .matches(DNS_LABEL);
  }

  @Test
  void serviceNamesStayTheReadableContractRoutesAndClientsUse() {
    assertThat(ObjectNames.service("claims-agent")).isEqualTo("claims-agent");
    assertThat(ObjectNames.trackService("chat", ObjectNames.STABLE)).isEqualTo("chat-stable");
  }
}
