package dev.releasegate.gate;

import static dev.releasegate.gate.ChecklistPolicy.Applies.ALWAYS;
import static dev.releasegate.gate.ChecklistPolicy.Applies.PERSONAL_DATA;
import static dev.releasegate.gate.SignoffStage.BEFORE_PROMOTION;
import static dev.releasegate.gate.SignoffStage.BEFORE_TRAFFIC;

import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.OwnerRole;
import dev.releasegate.api.v1alpha1.RiskTier;
import java.util.List;

/**
 * The release checklist's owner table as data: which roles a release must name, when each signs,
 * and whether a standard-tier release needs that signature (a high-tier release needs every one).
 * The one place that says who must approve what; gates read it and nothing else decides it.
 */
public final class ChecklistPolicy {

  /** Which releases a row applies to. */
  enum Applies {
    ALWAYS,
    PERSONAL_DATA
  }

  /** One owner role of the checklist. */
  record Row(OwnerRole role, Applies applies, SignoffStage stage, boolean signsAtStandardTier) {}

  /** The checklist's owner table: one owner per risk area. */
  static final List<Row> OWNERS =
      List.of(
          // Intended use, user impact and fallback path.
          new Row(OwnerRole.PRODUCT, ALWAYS, BEFORE_TRAFFIC, true),
          // Model version, test results, deployment and rollback plan.
          new Row(OwnerRole.MLOPS, ALWAYS, BEFORE_TRAFFIC, true),
          // Access control, secrets, tool use, red-team gaps.
          new Row(OwnerRole.SECURITY, ALWAYS, BEFORE_TRAFFIC, true),
          // Data handling, notices, retention.
          new Row(OwnerRole.PRIVACY, PERSONAL_DATA, BEFORE_TRAFFIC, true),
          // Release timing and operational risk: the launch approval.
          new Row(OwnerRole.BUSINESS, ALWAYS, BEFORE_PROMOTION, true),
          // Incident path and user response; at standard tier the runbook is enough.
          new Row(OwnerRole.SUPPORT, ALWAYS, BEFORE_PROMOTION, false));

  private ChecklistPolicy() {}

  /** The roles a release must name an owner for. */
  public static List<OwnerRole> requiredOwners(ModelReleaseSpec spec) {
    return OWNERS.stream().filter(row -> appliesTo(row, spec)).map(Row::role).toList();
  }

  /** The roles that must sign the candidate version at the given stage. */
  public static List<OwnerRole> requiredSigners(ModelReleaseSpec spec, SignoffStage stage) {
    boolean high = RiskTier.parse(spec.riskTier()).orElse(RiskTier.STANDARD) == RiskTier.HIGH;
    return OWNERS.stream()
        .filter(row -> appliesTo(row, spec))
        .filter(row -> row.stage() == stage)
        .filter(row -> high || row.signsAtStandardTier())
        .map(Row::role)
        .toList();
  }

  private static boolean appliesTo(Row row, ModelReleaseSpec spec) {
    return row.applies() == ALWAYS || spec.personalData();
  }
}
