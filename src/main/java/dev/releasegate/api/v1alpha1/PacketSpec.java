package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The release packet: the evidence reviewers sign against. */
public record PacketSpec(
    @JsonPropertyDescription(
            "The evidence, one entry per artifact type. If the evidence is missing, the answer is"
                + " no: a required type that is absent, empty or whose digest does not match"
                + " keeps the packet gate shut.")
        List<PacketArtifact> artifacts) {}
