package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.releasegate.api.GoDuration;
import io.fabric8.generator.annotation.Pattern;

/** The rollback plan, tried before it is needed. */
public record RollbackSpec(
    @JsonPropertyDescription(
            "Rehearse the rollback before full promotion: shift the candidate to 0%, wait until"
                + " the stable version carries all traffic, shift back, and record how long the"
                + " return took. Required by the policy for riskTier high.")
        Boolean rehearse,
    @JsonPropertyDescription(
            "How long the return to stable may take in the rehearsal before promotion is blocked,"
                + " as a Go duration (default 5m).")
        @Pattern(GoDuration.PATTERN)
        String rehearsalTimeout,
    @JsonPropertyDescription(
            "Pods the previous approved version keeps during the observation period, so a rollback"
                + " needs no cold start (default 1). The replicas router cannot keep warm pods out of"
                + " its Service, so with it the previous version is kept at 0 and starts on rollback.")
        @io.fabric8.generator.annotation.Min(0)
        Integer warmReplicas) {}
