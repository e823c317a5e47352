package dev.releasegate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every duration of the spec is read by this one parser, exactly, as the CRD's pattern admits. */
class GoDurationTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "10m, PT10M",
    "1h30m, PT1H30M",
    "0.5h, PT30M",
    "30.5s, PT30.5S",
    "1.25m, PT1M15S",
    "90s, PT1M30S",
    "1.5ms, PT0.0015S",
    "2us, PT0.000002S",
    "2µs, PT0.000002S",
    "7ns, PT0.000000007S",
    "1h0.5m1s, PT1H31S",
    "0.0000000001s, PT0S",
    "720h, PT720H",
  })
  void decimalsAndUnitsAreReadExactly(String value, String expected) {
    assertThat(GoDuration.parseAllowingZero(value)).contains(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"-5m", "+5m", "5", "m", ".5h", "5.h", "5 m", "5M", "1d", "", "1h-5m", "5mm"})
  void whatIsNotAGoDurationWithoutSignIsRefused(String value) {
    assertThat(GoDuration.parseAllowingZero(value)).isEmpty();
    assertThat(value.matches(GoDuration.PATTERN)).as("the CRD's pattern agrees").isFalse();
  }

  @Test
  void zeroIsADurationOnlyWhereZeroIsAllowed() {
    assertThat(GoDuration.parseAllowingZero("0s")).contains(Duration.ZERO);
    assertThat(GoDuration.parse("0s")).isEmpty();
    assertThat(GoDuration.parse("0.0h")).isEmpty();
    assertThat(GoDuration.parse(null)).isEmpty();
  }

  @Test
  void moreThanGoCanHoldIsRefused() {
    assertThat(GoDuration.parse("2562047h")).isPresent();
    assertThat(GoDuration.parse("2562048h")).isEmpty();
    assertThat(GoDuration.parse("99999999999999999999h")).isEmpty();
  }

  /** Over random strings of duration characters, the parser and the CRD's pattern agree. */
  @Test
  void theParserAcceptsExactlyWhatTheCrdsPatternAdmits() {
    String alphabet = "0123456789.-+hmsunµ ";
    Random random = new Random(12);
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder value = new StringBuilder();
      // At most six characters: the largest such duration (99999h) is within Go's range.
      int length = 1 + random.nextInt(6);
      for (int c = 0; c < length; c++) {
        value.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String candidate = value.toString();
      Optional<Duration> parsed = GoDuration.parseAllowingZero(candidate);
      boolean admitted = candidate.matches(GoDuration.PATTERN);
      assertThat(parsed.isPresent()).as(candidate).isEqualTo(admitted);
      accepted += admitted ? 1 : 0;
    }
    assertThat(accepted).as("the sample holds durations too").isGreaterThan(100);
  }
}
