package dev.releasegate.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObjectNamesTest {

  @Test
  void aDeploymentIsNamedAfterItsReleaseAndVersion() {
    assertThat(ObjectNames.deployment("fraud-scorer", "3.5.0")).isEqualTo("fraud-scorer-3-5-0");
    assertThat(ObjectNames.deployment("chat.assistant", "2026.11_rc1"))
        .isEqualTo("chat-assistant-2026-11-rc1");
  }

  @Test
  void longNamesKeepAPrefixAndAHashWithinSixtyThreeCharacters() {
    String release = "a-very-long-release-name-that-a-platform-team-generated-from-a-path";
    String one = ObjectNames.deployment(release, "1.0.0");
    String two = ObjectNames.deployment(release, "1.0.1");
    assertThat(one)
        .hasSizeLessThanOrEqualTo(63)
        .startsWith("a-very-long-release-name")
        .doesNotEndWith("-");
    assertThat(one).isNotEqualTo(two);
    assertThat(ObjectNames.releaseLabel(release)).hasSizeLessThanOrEqualTo(63);
    assertThat(ObjectNames.service("chat.assistant")).isEqualTo("chat-assistant");
  }
}
