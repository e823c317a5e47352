package dev.releasegate.gate;

import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.Owner;
import dev.releasegate.api.v1alpha1.OwnerRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether every role the checklist requires at one stage has signed the candidate's exact version
 * and its packet as it is now. A sign-off for any other version is stale: approving v1 never
 * approves v2; so is one for a packet digest that is no longer the current one (see {@link
 * SignoffBinding}): approving a runbook never approves its next edit.
 */
public final class SignoffGate {
  private SignoffGate() {}

  /** Evaluates the gate of one stage against the release's annotations. */
  public static GateStatus evaluate(
      ModelReleaseSpec spec,
      Requirements requirements,
      Map<String, String> annotations,
      SignoffBinding binding,
      SignoffStage stage) {
    String version = spec.model().version();
    List<String> missing = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    for (OwnerRole role : requirements.signers(stage)) {
      String key = Signoff.ANNOTATION_PREFIX + role.value();
      String value = annotations.get(key);
      Optional<Signoff> signoff =
          Optional.ofNullable(value).flatMap(v -> Signoff.parse(role.value(), v));
      Optional<String> unbound = signoff.filter(s -> s.approves(version)).flatMap(binding::stale);
      if (signoff.isPresent() && signoff.get().approves(version) && unbound.isEmpty()) {
        continue;
      }
      missing.add(role.value() + ownerSuffix(spec, role));
      if (value != null && signoff.isEmpty()) {
        stale.add(
            key
                + " "
                + Signoff.problem(value).orElseThrow()
                + ": write version="
                + version
                + "; digest="
                + binding.current().shortDigest()
                + "; by=<you>");
      } else if (unbound.isPresent()) {
        stale.add(unbound.get());
      } else if (signoff.isPresent()) {
        stale.add(role.value() + " signed " + signoff.get().version() + ", not " + version);
      }
    }
    if (stage == SignoffStage.BEFORE_TRAFFIC) {
      stale.addAll(unknownRoles(annotations));
    }
    boolean satisfied = missing.isEmpty();
    String reason =
        satisfied
            ? "Every required role signed version " + version + "."
            : "Waiting for sign-off on version "
                + version
                + " from "
                + String.join(", ", missing)
                + ".";
    return new GateStatus(stage.gate().id(), satisfied, reason, missing, stale);
  }

  /**
   * Sign-off annotations for no role the checklist knows (a typo, another case): they count for
   * nothing, and the first sign-off gate says so rather than ignore them.
   */
  private static List<String> unknownRoles(Map<String, String> annotations) {
    List<String> unknown = new ArrayList<>();
    annotations.keySet().stream()
        .sorted()
        .forEach(
            key ->
                Signoff.roleOf(key)
                    .filter(role -> OwnerRole.parse(role).isEmpty())
                    .ifPresent(
                        role ->
                            unknown.add(
                                key
                                    + " names no reviewer role and counts for nothing: the roles"
                                    + " are "
                                    + OwnerRole.listed()
                                    + ", in lower case")));
    return unknown;
  }

  /** The sign-offs that approve the candidate version, as history records them. */
  public static List<String> approving(ModelReleaseSpec spec, Map<String, String> annotations) {
    List<String> records = new ArrayList<>();
    annotations.forEach(
        (key, value) ->
            Signoff.roleOf(key)
                .filter(role -> OwnerRole.parse(role).isPresent())
                .flatMap(role -> Signoff.parse(role, value))
                .filter(s -> s.approves(spec.model().version()))
                .ifPresent(s -> records.add(s.record())));
    records.sort(String::compareTo);
    return records;
  }

  private static String ownerSuffix(ModelReleaseSpec spec, OwnerRole role) {
    return Optional.ofNullable(spec.owners()).orElse(List.of()).stream()
        .filter(o -> role.value().equals(o.role()))
        .findFirst()
        .map(SignoffGate::describe)
        .orElse(" (no owner named)");
  }

  private static String describe(Owner owner) {
    return owner.contact() == null || owner.contact().isBlank()
        ? " (" + owner.name() + ")"
        : " (" + owner.name() + ", " + owner.contact() + ")";
  }
}
