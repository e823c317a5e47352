package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** The digest of what the owners approve for the spec's version, as a sign-off names it. */
public record PacketDigestStatus(
    @JsonPropertyDescription("The model version this digest is of.") String version,
    @JsonPropertyDescription(
            "sha256: and 64 hex digits over the model, every artifact's content digest, the"
                + " evaluation report and the spec fields that decide the gates. A sign-off names"
                + " it (digest=, the full value or its first 12 hex digits); when it changes,"
                + " sign-offs that named another are stale.")
        String digest,
    @JsonPropertyDescription(
            "What people type: sha256: and the first 12 hex digits, as the printed sign command"
                + " writes it.")
        String shortDigest,
    @JsonPropertyDescription(
            "Each part of the digest: systemType, riskTier and handlesPersonalData as written,"
                + " every other part (model, scope, evaluation, canary, rollback, analysis,"
                + " observation, each artifact by type) as the first 12 hex digits of its own"
                + " SHA-256, or unread for evidence that could not be read. A stale sign-off is"
                + " told by the parts that differ.")
        Map<String, String> parts) {}
