package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One piece of release evidence: in a ConfigMap the operator reads, or at a URL it records. */
public record PacketArtifact(
    @JsonPropertyDescription(
            "What the evidence is: modelCard, evalReport, riskReview, securityFindings, runbook,"
                + " and the types the system type and data add (see the checklist policy).")
        @Required
        @SchemaFrom(type = ArtifactType.class)
        String type,
    @JsonPropertyDescription(
            "Where the evidence is, when it lives in the cluster: it must exist, hold the key and"
                + " not be empty.")
        ConfigMapKey configMapKeyRef,
    @JsonPropertyDescription(
            "Where the evidence is, when it lives elsewhere. The operator does not fetch it: it"
                + " records the URL and its sha256, which is then required.")
        String url,
    @JsonPropertyDescription(
            "The evidence's SHA-256, 64 hex digits. For a ConfigMap it must match the content;"
                + " for a URL it is what reviewers saw.")
        @Pattern("^[0-9a-fA-F]{64}$")
        String sha256) {}
