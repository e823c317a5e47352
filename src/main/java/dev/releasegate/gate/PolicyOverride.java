package dev.releasegate.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.releasegate.api.GoDuration;
import dev.releasegate.api.v1alpha1.ArtifactType;
import dev.releasegate.api.v1alpha1.OwnerRole;
import dev.releasegate.api.v1alpha1.RiskTier;
import dev.releasegate.api.v1alpha1.SystemType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cluster's tightening of the checklist, read from a file (a ConfigMap mounted into the
 * operator's pod). Its vocabulary can only add: more artifacts, more signers, more canary steps,
 * longer pauses, a rehearsal. A value below the checklist's is not applied, and the release's
 * status says so.
 *
 * <pre>
 * artifacts:                    # added to the checklist's, by system type, "always" or "personalData"
 *   always: [accessMatrix]
 * signers:                      # roles that sign at the standard tier too
 *   standard: [support]
 * canary:
 *   standard: {minSteps: 2, minStepPause: 5m}
 * rollbackRehearsal:
 *   standard: true
 * </pre>
 */
public record PolicyOverride(
    Map<String, List<String>> artifacts,
    Map<String, List<String>> signers,
    Map<String, CanaryRule> canary,
    Map<String, Boolean> rollbackRehearsal) {

  public static final PolicyOverride NONE =
      new PolicyOverride(Map.of(), Map.of(), Map.of(), Map.of());
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** A tier's canary minimums. */
  public record CanaryRule(Integer minSteps, String minStepPause) {}

  public PolicyOverride {
    artifacts = artifacts == null ? Map.of() : artifacts;
    signers = signers == null ? Map.of() : signers;
    canary = canary == null ? Map.of() : canary;
    rollbackRehearsal = rollbackRehearsal == null ? Map.of() : rollbackRehearsal;
  }

  /** Reads an override; a document that is not one fails here, naming what is wrong. */
  public static PolicyOverride parse(String yaml) {
    try {
      PolicyOverride parsed = YAML.readValue(yaml, PolicyOverride.class);
      return parsed == null ? NONE : parsed;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a releasegate policy: " + e.getOriginalMessage(), e);
    }
  }

  /** Names that mean nothing to the checklist; they are not applied. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    artifacts.forEach(
        (key, types) -> {
          if (!key.equals("always")
              && !key.equals("personalData")
              && SystemType.parse(key).isEmpty()) {
            problems.add(
                "artifacts." + key + ": not always, personalData or a system type; not applied");
          }
          types.stream()
              .filter(t -> ArtifactType.parse(t).isEmpty())
              .forEach(
                  t ->
                      problems.add(
                          "artifacts."
                              + key
                              + ": '"
                              + t
                              + "' is not an artifact type; not applied"));
        });
    signers.forEach(
        (tier, roles) -> {
          tierKey("signers", tier).ifPresent(problems::add);
          roles.stream()
              .filter(r -> OwnerRole.parse(r).isEmpty())
              .forEach(
                  r ->
                      problems.add("signers." + tier + ": '" + r + "' is not a role; not applied"));
        });
    canary.forEach(
        (tier, rule) -> {
          tierKey("canary", tier).ifPresent(problems::add);
          if (rule.minStepPause() != null && GoDuration.parse(rule.minStepPause()).isEmpty()) {
            problems.add(
                "canary."
                    + tier
                    + ".minStepPause: '"
                    + rule.minStepPause()
                    + "' is not a duration; not applied");
          }
        });
    rollbackRehearsal
        .keySet()
        .forEach(tier -> tierKey("rollbackRehearsal", tier).ifPresent(problems::add));
    return problems;
  }

  /** The override's values that would loosen the checklist for a tier; they are not applied. */
  List<String> looseningsOf(RiskTier tier, int minSteps, Duration minPause, boolean rehearsal) {
    List<String> loosenings = new ArrayList<>();
    CanaryRule rule = canary.get(tier.value());
    if (rule != null && rule.minSteps() != null && rule.minSteps() < minSteps) {
      loosenings.add(
          "canary."
              + tier.value()
              + ".minSteps "
              + rule.minSteps()
              + " is below the checklist's "
              + minSteps
              + "; not applied");
    }
    if (rule != null && rule.minStepPause() != null) {
      GoDuration.parse(rule.minStepPause())
          .filter(p -> p.compareTo(minPause) < 0)
          .ifPresent(
              p ->
                  loosenings.add(
                      "canary."
                          + tier.value()
                          + ".minStepPause "
                          + rule.minStepPause()
                          + " is below the checklist's "
                          + minPause.toMinutes()
                          + "m; not applied"));
    }
    if (rehearsal && Boolean.FALSE.equals(rollbackRehearsal.get(tier.value()))) {
      loosenings.add(
          "rollbackRehearsal."
              + tier.value()
              + ": the checklist requires a rehearsal; not applied");
    }
    return loosenings;
  }

  boolean signsAt(RiskTier tier, OwnerRole role) {
    return signers.getOrDefault(tier.value(), List.of()).contains(role.value());
  }

  Set<ArtifactType> artifactsFor(SystemType type, boolean personalData) {
    Set<ArtifactType> added = new LinkedHashSet<>();
    List<String> keys = new ArrayList<>(List.of("always"));
    if (type != null) {
      keys.add(type.name());
    }
    if (personalData) {
      keys.add("personalData");
    }
    keys.forEach(
        key ->
            artifacts
                .getOrDefault(key, List.of())
                .forEach(t -> ArtifactType.parse(t).ifPresent(added::add)));
    return added;
  }

  int minCanarySteps(RiskTier tier) {
    CanaryRule rule = canary.get(tier.value());
    return rule == null || rule.minSteps() == null ? 0 : rule.minSteps();
  }

  Duration minStepPause(RiskTier tier) {
    return Optional.ofNullable(canary.get(tier.value()))
        .map(CanaryRule::minStepPause)
        .flatMap(GoDuration::parse)
        .orElse(Duration.ZERO);
  }

  boolean rollbackRehearsal(RiskTier tier) {
    return Boolean.TRUE.equals(rollbackRehearsal.get(tier.value()));
  }

  private static Optional<String> tierKey(String section, String tier) {
    return RiskTier.parse(tier).isPresent()
        ? Optional.empty()
        : Optional.of(section + "." + tier + ": not a risk tier (standard, high); not applied");
  }
}
