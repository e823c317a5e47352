package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** One piece of release evidence: in a ConfigMap the operator reads, or at a URL it records. */
@ValidationRule(
    value = "has(self.configMapKeyRef) != has(self.url)",
    message =
        "give exactly one of configMapKeyRef (evidence in the cluster) or url (evidence elsewhere)")
@ValidationRule(
    value = "!has(self.url) || has(self.sha256)",
    message =
        "evidence at a url needs its sha256: the operator does not fetch it, so the digest is what"
            + " reviewers signed",
    fieldPath = ".sha256")
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
