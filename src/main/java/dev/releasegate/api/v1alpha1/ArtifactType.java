package dev.releasegate.api.v1alpha1;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of evidence a release packet holds. Which ones a release must have comes from the
 * checklist policy; the rest may be attached and are recorded with the packet.
 */
public enum ArtifactType {
  // Every release.
  modelCard,
  evalReport,
  riskReview,
  securityFindings,
  runbook,
  // Foundation model wrappers.
  promptBoundaries,
  contentPolicy,
  vendorTerms,
  outputFilters,
  // Fine-tuned models.
  dataLineage,
  labelQuality,
  evalOverlap,
  driftChecks,
  // Agentic systems.
  toolInventory,
  permissionScopes,
  escalationPaths,
  // Personal or regulated data.
  privacyReview,
  retentionRule,
  // Named by the checklist's packet, never required by the table.
  intendedUse,
  dataSources,
  fineTuningSummary,
  redTeamNotes,
  accessMatrix,
  changeLog,
  fallbackPlan,
  rollbackSteps;

  /** The type a spec value names, if it names one exactly. */
  public static Optional<ArtifactType> parse(String value) {
    return Arrays.stream(values()).filter(t -> t.name().equals(value)).findFirst();
  }
}
