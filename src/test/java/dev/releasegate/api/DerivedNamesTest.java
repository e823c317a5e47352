package dev.releasegate.api;

import static dev.releasegate.cases.Draw.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.cases.Draw;
import dev.releasegate.cases.GeneratedCases;
import java.util.Locale;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The names the operator derives from a release and a version name objects it owns: a Deployment
 * per version and a packet record per promotion. Two different (release, version) pairs must never
 * get the same name, or one release's pods or audit record would overwrite another's, and every
 * name must be a DNS-1123 label, or the API server refuses the object.
 *
 * <p>Random pairs almost never collide, so most pairs are built to be confusable: the same letters
 * with the release/version boundary moved, dots, underscores and dashes swapped, case changed, or a
 * long shared prefix that the 63-character limit cuts.
 */
class DerivedNamesTest {

  /** A DNS-1123 label: lower-case letters, digits and '-', alphanumeric at both ends. */
  private static final String DNS_1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

  /** A DNS-1035 label, as release names are: a letter first. */
  private static final String DNS_1035_LABEL = "[a-z]([-a-z0-9]*[a-z0-9])?";

  /** A label value, as versions are: alphanumeric at both ends. */
  private static final String LABEL_VALUE = "[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?";

  /** A release and one of its versions. */
  record Named(String release, String version) {
    @Override
    public String toString() {
      return "('" + release + "', '" + version + "')";
    }
  }

  /** Two releases and versions, which may be the same. */
  record Pair(Named first, Named second) {
    boolean distinct() {
      return !first.equals(second);
    }

    @Override
    public String toString() {
      return first + " and " + second;
    }
  }

  @Test
  void distinctReleasesAndVersionsGetDistinctDeploymentNames(TestInfo test) {
    GeneratedCases.of(test, 3000)
        .check(
            DerivedNamesTest::confusablePair,
            (pair, seen) -> {
              seen.count("distinct", pair.distinct());
              assertDistinct(pair, ObjectNames::deployment);
            })
        .require("distinct", true, 50);
  }

  @Test
  void distinctReleasesAndVersionsGetDistinctPacketRecordNames(TestInfo test) {
    GeneratedCases.of(test, 3000)
        .check(
            DerivedNamesTest::confusablePair,
            (pair, seen) -> {
              seen.count("distinct", pair.distinct());
              assertDistinct(pair, ObjectNames::packetRecord);
            })
        .require("distinct", true, 50);
  }

  @Test
  void derivedNamesAreDns1123Labels(TestInfo test) {
    GeneratedCases.of(test, 2000)
        .check(
            draw -> new Named(release(draw), version(draw)),
            (named, seen) -> {
              for (String name :
                  new String[] {
                    ObjectNames.deployment(named.release(), named.version()),
                    ObjectNames.packetRecord(named.release(), named.version())
                  }) {
                assertThat(name)
                    .as("the name derived from %s", named)
                    .hasSizeLessThanOrEqualTo(63)
                    .matches(DNS_1123_LABEL);
              }
            });
  }

  /** The release/version boundary moved: both Deployments were "a-b-c". */
  @Test
  void aDashMovedAcrossTheBoundaryGetsAnotherDeployment() {
    assertDistinct(pair("a-b", "c", "a", "b-c"), ObjectNames::deployment);
  }

  /** Dots become dashes: both Deployments were "r-1-0-0". */
  @Test
  void dotsAndDashesInAVersionGetDifferentDeployments() {
    assertDistinct(pair("r", "1.0.0", "r", "1-0-0"), ObjectNames::deployment);
  }

  /** Versions are lower-cased: both Deployments were "r-rc1". */
  @Test
  void versionsThatDifferInCaseGetDifferentDeployments() {
    assertDistinct(pair("r", "RC1", "r", "rc1"), ObjectNames::deployment);
  }

  /** Underscores become dashes: both Deployments were "r-1-0". */
  @Test
  void underscoresAndDashesInAVersionGetDifferentDeployments() {
    assertDistinct(pair("r", "1_0", "r", "1-0"), ObjectNames::deployment);
  }

  /** "-packet-" can sit in the version too: both records were "a-packet-x-packet-y". */
  @Test
  void theWordPacketInAVersionGetsAnotherPacketRecord() {
    assertDistinct(pair("a", "x-packet-y", "a-packet-x", "y"), ObjectNames::packetRecord);
  }

  /** Dots become dashes in packet records as well: both were "r-packet-1-0-0". */
  @Test
  void dotsAndDashesInAVersionGetDifferentPacketRecords() {
    assertDistinct(pair("r", "1.0.0", "r", "1-0-0"), ObjectNames::packetRecord);
  }

  private static Pair pair(String release1, String version1, String release2, String version2) {
    return new Pair(new Named(release1, version1), new Named(release2, version2));
  }

  /** A pair that is the same release and version twice has nothing to tell apart. */
  private static void assertDistinct(Pair pair, BinaryOperator<String> name) {
    if (!pair.distinct()) {
      return;
    }
    Named a = pair.first();
    Named b = pair.second();
    assertThat(name.apply(a.release(), a.version()))
        .as("the names of %s", pair)
        .isNotEqualTo(name.apply(b.release(), b.version()));
  }

  /** Release names: DNS-1035 labels, mostly short ones over a few letters so they repeat. */
  private static String release(Draw draw) {
    return draw.weighted(
        weight(2, () -> draw.string("abc-", 1, 6, DNS_1035_LABEL)),
        weight(
            1, () -> draw.string("abcdefghijklmnopqrstuvwxyz0123456789-", 1, 63, DNS_1035_LABEL)));
  }

  /** Versions: label values of 1 to 63 characters, mostly short ones over a few characters. */
  private static String version(Draw draw) {
    return draw.weighted(
        weight(2, () -> draw.string("aA1._-", 1, 6, LABEL_VALUE)),
        weight(
            1,
            () ->
                draw.string(
                    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-",
                    1,
                    63,
                    LABEL_VALUE)));
  }

  /**
   * Two pairs, mostly made to be confused with each other: independent pairs over a small alphabet,
   * a moved boundary, a version re-spelled, and long names with a shared prefix.
   */
  private static Pair confusablePair(Draw draw) {
    return draw.weighted(
        weight(
            2,
            () ->
                new Pair(
                    new Named(release(draw), version(draw)),
                    new Named(release(draw), version(draw)))),
        weight(2, () -> boundaryMoved(draw)),
        weight(
            2,
            () -> {
              Named named = new Named(release(draw), version(draw));
              String respelled = draw.oneOf(Respelling.values()).apply(named.version());
              return new Pair(named, new Named(named.release(), respelled));
            }),
        weight(
            1,
            () -> {
              String prefix = draw.string("abcdefghijklmnopqrstuvwxyz", 50, 60);
              return new Pair(new Named(prefix, version(draw)), new Named(prefix, version(draw)));
            }));
  }

  /** The same letters, a dash-separated middle moved from the release to the version. */
  private static Pair boundaryMoved(Draw draw) {
    while (true) {
      String release = release(draw);
      String middle = draw.string("abc1", 1, 4);
      String version = version(draw);
      Pair pair = pair(release + "-" + middle, version, release, middle + "-" + version);
      if (pair.first().release().length() <= 63 && pair.second().version().length() <= 63) {
        return pair;
      }
    }
  }

  /** Ways to spell a version differently that a careless slug would merge. */
  enum Respelling {
    UPPER_CASE,
    LOWER_CASE,
    DOTS_TO_DASHES,
    DASHES_TO_DOTS,
    UNDERSCORES_TO_DASHES,
    DASHES_TO_UNDERSCORES;

    String apply(String version) {
      return switch (this) {
        case UPPER_CASE -> version.toUpperCase(Locale.ROOT);
        case LOWER_CASE -> version.toLowerCase(Locale.ROOT);
        case DOTS_TO_DASHES -> version.replace('.', '-');
        case DASHES_TO_DOTS -> version.replace('-', '.');
        case UNDERSCORES_TO_DASHES -> version.replace('_', '-');
        case DASHES_TO_UNDERSCORES -> version.replace('-', '_');
      };
    }
  }
}
