package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;

/** A sign-off as the operator saw it, with when it first saw it: the audit trail's raw entry. */
public record SignoffRecord(
    @JsonPropertyDescription("The role that signed.") String role,
    @JsonPropertyDescription("The version it approves.") String version,
    @JsonPropertyDescription("Who signed.") String by,
    @JsonPropertyDescription("When the operator first saw this sign-off.") Instant seenAt) {}
