package dev.releasegate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.ArtifactType;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.OwnerRole;
import dev.releasegate.api.v1alpha1.RiskTier;
import dev.releasegate.api.v1alpha1.SystemType;
import dev.releasegate.gate.ChecklistPolicy;
import dev.releasegate.gate.Requirements;
import dev.releasegate.lifecycle.Releases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table in docs/checklist-policy.md adds up to what {@link ChecklistPolicy} requires: for every
 * system type, risk tier and kind of data, the first row plus the rows that apply give exactly the
 * owners, signers, artifacts and canary rules the code asks of such a release.
 */
class ChecklistPolicyDocTest {
  private static final String EVERY_RELEASE = "every release";
  private static final String PERSONAL_DATA = "handlesPersonalData: true";
  private static final String HIGH_TIER = "riskTier: high";

  /** What one row of the table asks. */
  private record Row(
      Set<String> owners,
      Set<String> signBeforeTraffic,
      Set<String> signBeforePromotion,
      Set<String> artifacts,
      String canaryAndRollback) {}

  private static Map<String, Row> rows() {
    MarkdownPage.Table table =
        MarkdownPage.read(Path.of("docs/checklist-policy.md"))
            .tableUnder("What a release must have");
    assertThat(table.header())
        .containsExactly(
            "",
            "owners named",
            "sign before any traffic",
            "sign before full traffic",
            "packet artifacts",
            "canary and rollback");
    Map<String, Row> rows = new HashMap<>();
    for (List<String> cells : table.rows()) {
      String key = MarkdownPage.plain(cells.get(0));
      rows.put(
          key,
          new Row(
              names(cells.get(1)),
              names(cells.get(2)),
              names(cells.get(3)),
              names(cells.get(4)),
              MarkdownPage.plain(cells.get(5))));
    }
    List<String> expected = new ArrayList<>(List.of(EVERY_RELEASE, PERSONAL_DATA, HIGH_TIER));
    for (SystemType type : SystemType.values()) {
      expected.add(type.name());
    }
    assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    return rows;
  }

  /** The names a cell lists in code spans; anything else in it is prose. */
  private static Set<String> names(String cell) {
    return new TreeSet<>(MarkdownPage.codeSpans(cell));
  }

  static List<Arguments> releases() {
    List<Arguments> releases = new ArrayList<>();
    for (SystemType type : SystemType.values()) {
      for (RiskTier tier : RiskTier.values()) {
        for (boolean personalData : List.of(false, true)) {
          releases.add(Arguments.of(type, tier, personalData));
        }
      }
    }
    return releases;
  }

  @ParameterizedTest(name = "{0}, {1}, personal data {2}")
  @MethodSource("releases")
  void theRowsThatApplyAddUpToWhatTheCodeRequires(
      SystemType type, RiskTier tier, boolean personalData) {
    Map<String, Row> rows = rows();
    List<Row> apply = new ArrayList<>(List.of(rows.get(EVERY_RELEASE), rows.get(type.name())));
    if (personalData) {
      apply.add(rows.get(PERSONAL_DATA));
    }
    if (tier == RiskTier.HIGH) {
      apply.add(rows.get(HIGH_TIER));
    }
    ModelReleaseSpec spec =
        Releases.with(
            Releases.with(
                Releases.with(Releases.spec("1.0.0"), "systemType", type.name()),
                "riskTier",
                tier.value()),
            "handlesPersonalData",
            personalData);
    Requirements required = ChecklistPolicy.builtIn().requirements(spec);

    assertThat(union(apply, Row::owners)).as("owners named").isEqualTo(roles(required.owners()));
    assertThat(union(apply, Row::signBeforeTraffic))
        .as("sign before any traffic")
        .isEqualTo(roles(required.signBeforeTraffic()));
    assertThat(union(apply, Row::signBeforePromotion))
        .as("sign before full traffic")
        .isEqualTo(roles(required.signBeforePromotion()));
    assertThat(union(apply, Row::artifacts))
        .as("packet artifacts")
        .isEqualTo(
            required.artifacts().stream()
                .map(ArtifactType::name)
                .collect(Collectors.toCollection(TreeSet::new)));

    // The canary and rollback column: a later row's rules replace an earlier one's.
    String rules =
        apply.stream()
            .map(Row::canaryAndRollback)
            .filter(r -> r.contains("canary step"))
            .reduce((earlier, later) -> later)
            .orElseThrow();
    assertThat(number(rules, "at least (\\d+) canary steps?"))
        .as("fewest canary steps")
        .isEqualTo(required.minCanarySteps());
    assertThat(
            rules.contains("pauses of at least")
                ? Duration.ofMinutes(number(rules, "pauses of at least (\\d+)m"))
                : Duration.ZERO)
        .as("shortest pause")
        .isEqualTo(required.minStepPause());
    assertThat(rules.contains("rollback rehearsal"))
        .as("rollback rehearsal")
        .isEqualTo(required.rollbackRehearsal());
    assertThat(apply.stream().anyMatch(r -> r.canaryAndRollback().contains("approval path")))
        .as("every action has an approval path")
        .isEqualTo(required.actionApprovalPaths());
  }

  private static Set<String> union(List<Row> rows, Function<Row, Set<String>> f) {
    return rows.stream()
        .flatMap(r -> f.apply(r).stream())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> roles(List<OwnerRole> roles) {
    return roles.stream().map(OwnerRole::value).collect(Collectors.toCollection(TreeSet::new));
  }

  private static int number(String text, String pattern) {
    Matcher m = Pattern.compile(pattern).matcher(text);
    assertThat(m.find()).as("\"%s\" in \"%s\"", pattern, text).isTrue();
    return Integer.parseInt(m.group(1));
  }
}
