package dev.releasegate.api.v1alpha1;

/** The replica-count router has no settings yet; its presence selects it. */
public record ReplicaRouting() {}
