package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

  @ParameterizedTest(name = "{0}s = {1}")
  @CsvSource({
    "0, 0s",
    "59, 59s",
    "119, 119s",
    "120, 2m",
    "192, 3m12s",
    "600, 10m",
    "10799, 179m",
    "10800, 3h",
    "11100, 3h5m",
    "28800, 8h",
    "172800, 2d",
    "180000, 2d2h",
    "691200, 8d",
    "63072000, 2y",
    "63158400, 2y1d",
    "252288000, 8y",
  })
  void formatsAgesLikeKubectl(long seconds, String expected) {
    assertThat(HumanDuration.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
  }

  @Test
  void agesTimestampsAndFlagsUnreadableOnes() {
    Instant now = Instant.parse("2025-06-01T12:00:00Z");

    assertThat(HumanDuration.since("2025-06-01T11:55:00Z", now)).isEqualTo("5m");
    assertThat(HumanDuration.since("yesterday", now)).isEqualTo("<invalid>");
  }
}
