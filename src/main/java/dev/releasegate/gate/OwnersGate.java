package dev.releasegate.gate;

import dev.releasegate.api.v1alpha1.GateId;
import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.Owner;
import dev.releasegate.api.v1alpha1.OwnerRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Whether every role the checklist requires has a named owner who can be reached. */
public final class OwnersGate {

  private OwnersGate() {}

  /** Evaluates the gate: a missing role or an owner without a contact keeps it shut. */
  public static GateStatus evaluate(ModelReleaseSpec spec, Requirements requirements) {
    List<Owner> owners = Optional.ofNullable(spec.owners()).orElse(List.of());
    List<String> missing = new ArrayList<>();
    for (OwnerRole role : requirements.owners()) {
      Optional<Owner> owner =
          owners.stream().filter(o -> role.value().equals(o.role())).findFirst();
      if (owner.isEmpty()) {
        missing.add(role.value() + ": no owner named in spec.owners");
      } else if (owner.get().contact() == null || owner.get().contact().isBlank()) {
        missing.add(role.value() + ": " + owner.get().name() + " has no contact");
      }
    }
    boolean satisfied = missing.isEmpty();
    String reason =
        satisfied
            ? "Every required role has a named owner with a contact."
            : "A release is incomplete while a required role has no reachable owner: "
                + String.join("; ", missing)
                + ".";
    return new GateStatus(GateId.OWNERS.id(), satisfied, reason, missing, List.of());
  }
}
