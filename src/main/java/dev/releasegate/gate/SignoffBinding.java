package dev.releasegate.gate;

import dev.releasegate.api.v1alpha1.SignoffRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a sign-off for the candidate's version still approves the packet as it is now. A sign-off
 * names the packet digest it approves ({@code digest=}); one that names none is bound by the
 * operator to the digest in force when it first saw it, with all of the evidence read (see {@code
 * SignoffRecords}), and is stale as soon as that changes, like one that names it. The records are
 * status.signoffs: only they know what a sign-off was given against.
 *
 * @param current the digest of the spec's version and the evidence as read now
 * @param records the sign-offs as the operator first saw them
 */
public record SignoffBinding(PacketDigest current, List<SignoffRecord> records) {

  public SignoffBinding {
    records = List.copyOf(records);
  }

  /**
   * Why a sign-off of the candidate's version does not count although it names that version, in
   * words that start with its role; empty when it counts.
   */
  public Optional<String> stale(Signoff signoff) {
    Optional<SignoffRecord> record = record(signoff);
    String signed =
        signoff.digest() != null
            ? signoff.digest()
            : record.map(SignoffRecord::digest).orElse(null);
    if (signed == null) {
      return Optional.of(
          signoff.role()
              + " signed version "
              + signoff.version()
              + " without digest=, which is bound to the packet only once all of its evidence"
              + " can be read");
    }
    if (current.matches(signed)) {
      return Optional.empty();
    }
    return Optional.of(
        signoff.role()
            + " signed "
            + abbreviated(signed)
            + (signoff.digest() == null ? " (bound when first seen, as it names no digest=)" : "")
            + ", now "
            + current.shortDigest()
            + ": "
            + DigestChanges.between(
                record
                    .filter(r -> signed.equals(r.digest()))
                    .map(SignoffRecord::parts)
                    .orElse(null),
                current.parts()));
  }

  /** The record of this very sign-off: same role, version, signer and, if it names one, digest. */
  private Optional<SignoffRecord> record(Signoff signoff) {
    return records.stream()
        .filter(r -> r.role().equals(signoff.role()))
        .filter(r -> r.version().equals(signoff.version()) && r.by().equals(signoff.by()))
        .filter(r -> signoff.digest() == null || Objects.equals(r.digest(), signoff.digest()))
        .findFirst();
  }

  private static String abbreviated(String digest) {
    int end = "sha256:".length() + PacketDigest.SHORT;
    return digest.length() > end ? digest.substring(0, end) + "\u2026" : digest;
  }
}
