package dev.releasegate.gate;

import static dev.releasegate.api.v1alpha1.ArtifactType.*;
import static dev.releasegate.api.v1alpha1.OwnerRole.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.releasegate.api.v1alpha1.ArtifactType;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.OwnerRole;
import dev.releasegate.api.v1alpha1.SystemType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The checklist's tables, for every system type, risk tier and kind of data. */
class ChecklistPolicyTest {

  private static ModelReleaseSpec spec(SystemType type, String tier, boolean personalData) {
    return new ModelReleaseSpec(
        type.name(),
        tier,
        personalData,
        null,
        null,
        1,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static Stream<Arguments> everyCombination() {
    List<Arguments> all = new ArrayList<>();
    for (SystemType type : SystemType.values()) {
      for (String tier : List.of("standard", "high")) {
        for (boolean personalData : List.of(false, true)) {
          all.add(Arguments.of(type, tier, personalData));
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}, {1}, personal data {2}")
  @MethodSource("everyCombination")
  void everyCombinationGetsTheChecklistsOwnersArtifactsAndCanaryRules(
      SystemType type, String tier, boolean personalData) {
    Requirements r = ChecklistPolicy.builtIn().requirements(spec(type, tier, personalData));
    boolean high = tier.equals("high");

    List<OwnerRole> owners = new ArrayList<>(List.of(PRODUCT, MLOPS, SECURITY, BUSINESS, SUPPORT));
    if (personalData) {
      owners.add(3, PRIVACY);
    }
    assertThat(r.owners()).containsExactlyElementsOf(owners);

    List<OwnerRole> beforeTraffic = new ArrayList<>(List.of(PRODUCT, MLOPS, SECURITY));
    if (personalData) {
      beforeTraffic.add(PRIVACY);
    }
    assertThat(r.signBeforeTraffic()).containsExactlyElementsOf(beforeTraffic);
    assertThat(r.signBeforePromotion())
        .containsExactlyElementsOf(high ? List.of(BUSINESS, SUPPORT) : List.of(BUSINESS));

    List<ArtifactType> artifacts =
        new ArrayList<>(List.of(modelCard, evalReport, riskReview, securityFindings, runbook));
    artifacts.addAll(
        switch (type) {
          case FoundationModelWrapper ->
              List.of(promptBoundaries, contentPolicy, vendorTerms, outputFilters);
          case FineTunedModel -> List.of(dataLineage, labelQuality, evalOverlap, driftChecks);
          case AgenticSystem -> List.of(toolInventory, permissionScopes, escalationPaths);
        });
    if (personalData) {
      artifacts.addAll(List.of(privacyReview, retentionRule));
    }
    assertThat(r.artifacts()).containsExactlyElementsOf(artifacts);

    assertThat(r.actionApprovalPaths()).isEqualTo(type == SystemType.AgenticSystem);
    assertThat(r.minCanarySteps()).isEqualTo(high ? 3 : 1);
    assertThat(r.minStepPause()).isEqualTo(high ? Duration.ofMinutes(10) : Duration.ZERO);
    assertThat(r.rollbackRehearsal()).isEqualTo(high);
  }

  @Test
  void aClusterCanTightenTheChecklist() {
    PolicyOverride override =
        PolicyOverride.parse(
            """
        artifacts:
          always: [accessMatrix]
          FineTunedModel: [fineTuningSummary]
        signers:
          standard: [support]
        canary:
          standard: {minSteps: 2, minStepPause: 5m}
          high: {minSteps: 4}
        rollbackRehearsal:
          standard: true
        """);
    ChecklistPolicy policy = ChecklistPolicy.tightenedBy(override, "/etc/releasegate/policy.yaml");

    Requirements standard = policy.requirements(spec(SystemType.FineTunedModel, "standard", false));
    assertThat(standard.artifacts()).contains(accessMatrix, fineTuningSummary);
    assertThat(standard.signBeforePromotion()).containsExactly(BUSINESS, SUPPORT);
    assertThat(standard.minCanarySteps()).isEqualTo(2);
    assertThat(standard.minStepPause()).isEqualTo(Duration.ofMinutes(5));
    assertThat(standard.rollbackRehearsal()).isTrue();
    assertThat(policy.requirements(spec(SystemType.AgenticSystem, "high", false)).minCanarySteps())
        .isEqualTo(4);
    assertThat(policy.notes()).isEmpty();
    assertThat(policy.source()).contains("/etc/releasegate/policy.yaml");
  }

  @Test
  void anOverrideThatWouldLoosenTheChecklistIsNotAppliedAndSaysSo() {
    PolicyOverride override =
        PolicyOverride.parse(
            """
        artifacts:
          always: [selfieOfTheTeam]
          Chatbot: [modelCard]
        signers:
          medium: [support]
        canary:
          high: {minSteps: 1, minStepPause: 1m}
        rollbackRehearsal:
          high: false
        """);
    ChecklistPolicy policy = ChecklistPolicy.tightenedBy(override, "policy.yaml");

    Requirements high = policy.requirements(spec(SystemType.AgenticSystem, "high", true));
    assertThat(high.minCanarySteps()).isEqualTo(3);
    assertThat(high.minStepPause()).isEqualTo(Duration.ofMinutes(10));
    assertThat(high.rollbackRehearsal()).isTrue();
    assertThat(policy.notes())
        .containsExactlyInAnyOrder(
            "artifacts.always: 'selfieOfTheTeam' is not an artifact type; not applied",
            "artifacts.Chatbot: not always, personalData or a system type; not applied",
            "signers.medium: not a risk tier (standard, high); not applied",
            "canary.high.minSteps 1 is below the checklist's 3; not applied",
            "canary.high.minStepPause 1m is below the checklist's 10m; not applied",
            "rollbackRehearsal.high: the checklist requires a rehearsal; not applied");
  }

  @Test
  void aPolicyFileThatIsNotOneIsRefusedNamingTheField() {
    assertThatThrownBy(() -> PolicyOverride.parse("artefacts:\n  always: [x]\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("artefacts");
  }
}
