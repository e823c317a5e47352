package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.util.Map;

/**
 * A sign-off as the operator saw it, with when it first saw it and the packet digest it approves:
 * the audit trail's raw entry.
 */
public record SignoffRecord(
    @JsonPropertyDescription("The role that signed.") String role,
    @JsonPropertyDescription("The version it approves.") String version,
    @JsonPropertyDescription("Who signed.") String by,
    @JsonPropertyDescription("When the operator first saw this sign-off.") Instant seenAt,
    @JsonPropertyDescription(
            "The packet digest it approves: the one its digest= names, or, for a sign-off that"
                + " names none, the version's digest when the operator first saw it with all of"
                + " its evidence read. Absent while such a sign-off is not bound yet.")
        String digest,
    @JsonPropertyDescription(
            "True when the sign-off names no digest= and the operator bound it to the digest in"
                + " force when it first saw it.")
        Boolean bound,
    @JsonPropertyDescription(
            "The parts of the digest it approves (as status.packetDigest.parts shows them), kept"
                + " when the operator saw that digest in force, so a stale sign-off can be told"
                + " what changed.")
        Map<String, String> parts) {

  /** A record of a sign-off bound to no digest yet, as older statuses and tests write it. */
  public SignoffRecord(String role, String version, String by, Instant seenAt) {
    this(role, version, by, seenAt, null, null, null);
  }
}
