package dev.releasegate.gate;

import static dev.releasegate.gate.SignoffStage.BEFORE_PROMOTION;
import static dev.releasegate.gate.SignoffStage.BEFORE_TRAFFIC;

import dev.releasegate.api.v1alpha1.ArtifactType;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.OwnerRole;
import dev.releasegate.api.v1alpha1.RiskTier;
import dev.releasegate.api.v1alpha1.SystemType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The release checklist ({@code reference/release-checklist.txt}) as data: the owner table, the
 * packet each system type needs, and what a high risk tier adds. The one place that says what a
 * release must have; gates read {@link #requirements} and nothing else decides it. A cluster may
 * tighten it with a {@link PolicyOverride}; it cannot loosen it.
 */
public final class ChecklistPolicy {

  /** One owner role: when it signs, and whether it signs at the standard tier. */
  record OwnerRow(
      OwnerRole role,
      boolean onlyWithPersonalData,
      SignoffStage stage,
      boolean signsAtStandardTier) {}

  /** What a risk tier asks of the canary and the rollback plan. */
  record TierRules(
      boolean everyOwnerSigns,
      int minCanarySteps,
      Duration minStepPause,
      boolean rollbackRehearsal) {}

  static final List<OwnerRow> OWNERS =
      List.of(
          // Intended use, user impact and fallback path.
          new OwnerRow(OwnerRole.PRODUCT, false, BEFORE_TRAFFIC, true),
          // Model version, test results, deployment and rollback plan.
          new OwnerRow(OwnerRole.MLOPS, false, BEFORE_TRAFFIC, true),
          // Access control, secrets, tool use, red-team gaps.
          new OwnerRow(OwnerRole.SECURITY, false, BEFORE_TRAFFIC, true),
          // Data handling, notices, retention.
          new OwnerRow(OwnerRole.PRIVACY, true, BEFORE_TRAFFIC, true),
          // Release timing and operational risk: the launch approval.
          new OwnerRow(OwnerRole.BUSINESS, false, BEFORE_PROMOTION, true),
          // Incident path and user response; at the standard tier the runbook is enough.
          new OwnerRow(OwnerRole.SUPPORT, false, BEFORE_PROMOTION, false));

  /** The packet every release needs: model card, eval report, risk review, findings, runbook. */
  static final List<ArtifactType> EVERY_RELEASE =
      List.of(
          ArtifactType.modelCard,
          ArtifactType.evalReport,
          ArtifactType.riskReview,
          ArtifactType.securityFindings,
          ArtifactType.runbook);

  /** What each system type must prove on top. */
  static final Map<SystemType, List<ArtifactType>> BY_SYSTEM_TYPE =
      Map.of(
          SystemType.FoundationModelWrapper,
          List.of(
              ArtifactType.promptBoundaries,
              ArtifactType.contentPolicy,
              ArtifactType.vendorTerms,
              ArtifactType.outputFilters),
          SystemType.FineTunedModel,
          List.of(
              ArtifactType.dataLineage,
              ArtifactType.labelQuality,
              ArtifactType.evalOverlap,
              ArtifactType.driftChecks),
          SystemType.AgenticSystem,
          List.of(
              ArtifactType.toolInventory,
              ArtifactType.permissionScopes,
              ArtifactType.escalationPaths));

  /** Personal or regulated data adds the privacy review and the retention rule. */
  static final List<ArtifactType> WITH_PERSONAL_DATA =
      List.of(ArtifactType.privacyReview, ArtifactType.retentionRule);

  static final Map<RiskTier, TierRules> TIERS =
      Map.of(
          RiskTier.STANDARD, new TierRules(false, 1, Duration.ZERO, false),
          // If the system can affect people, money, privacy or safety, the gate is stricter.
          RiskTier.HIGH, new TierRules(true, 3, Duration.ofMinutes(10), true));

  private static final ChecklistPolicy BUILT_IN =
      new ChecklistPolicy(PolicyOverride.NONE, "the built-in checklist", List.of());

  private final PolicyOverride tightening;
  private final String source;
  private final List<String> notes;

  private ChecklistPolicy(PolicyOverride tightening, String source, List<String> notes) {
    this.tightening = tightening;
    this.source = source;
    this.notes = List.copyOf(notes);
  }

  /** The checklist as written. */
  public static ChecklistPolicy builtIn() {
    return BUILT_IN;
  }

  /**
   * The checklist tightened by a cluster's override; what would loosen it is left out and noted.
   */
  public static ChecklistPolicy tightenedBy(PolicyOverride override, String source) {
    List<String> notes = new ArrayList<>(override.problems());
    TIERS.forEach(
        (tier, rules) ->
            notes.addAll(
                override.looseningsOf(
                    tier,
                    rules.minCanarySteps(),
                    rules.minStepPause(),
                    rules.rollbackRehearsal())));
    return new ChecklistPolicy(override, "the built-in checklist, tightened by " + source, notes);
  }

  /** Where the policy came from, for status. */
  public String source() {
    return source;
  }

  /** Parts of an override that were not applied, and why. */
  public List<String> notes() {
    return notes;
  }

  /** What the checklist requires of this release. */
  public Requirements requirements(ModelReleaseSpec spec) {
    RiskTier tier = RiskTier.parse(spec.riskTier()).orElse(RiskTier.STANDARD);
    TierRules rules = TIERS.get(tier);
    boolean personalData = spec.personalData();
    List<OwnerRole> owners = new ArrayList<>();
    List<OwnerRole> beforeTraffic = new ArrayList<>();
    List<OwnerRole> beforePromotion = new ArrayList<>();
    for (OwnerRow row : OWNERS) {
      if (row.onlyWithPersonalData() && !personalData) {
        continue;
      }
      owners.add(row.role());
      if (rules.everyOwnerSigns()
          || row.signsAtStandardTier()
          || tightening.signsAt(tier, row.role())) {
        (row.stage() == BEFORE_TRAFFIC ? beforeTraffic : beforePromotion).add(row.role());
      }
    }
    Set<ArtifactType> artifacts = new LinkedHashSet<>(EVERY_RELEASE);
    SystemType type = SystemType.parse(spec.systemType()).orElse(null);
    if (type != null) {
      artifacts.addAll(BY_SYSTEM_TYPE.get(type));
    }
    if (personalData) {
      artifacts.addAll(WITH_PERSONAL_DATA);
    }
    artifacts.addAll(tightening.artifactsFor(type, personalData));
    return new Requirements(
        List.copyOf(owners),
        List.copyOf(beforeTraffic),
        List.copyOf(beforePromotion),
        List.copyOf(artifacts),
        type == SystemType.AgenticSystem,
        Math.max(rules.minCanarySteps(), tightening.minCanarySteps(tier)),
        max(rules.minStepPause(), tightening.minStepPause(tier)),
        rules.rollbackRehearsal() || tightening.rollbackRehearsal(tier));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
