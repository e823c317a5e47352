package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.OwnerRole;
import dev.releasegate.api.v1alpha1.SignoffRecord;
import dev.releasegate.gate.PacketDigest;
import dev.releasegate.gate.Signoff;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the audit trail of sign-offs: annotations carry no time, so status remembers when the
 * operator first saw each one, and which packet digest it approves with that digest's parts (only
 * status can know what a sign-off was given against, so only it can later say what changed). A
 * sign-off that changes (another version, signer or digest) is a new sign-off with a new time; one
 * that is removed leaves the trail (promoted versions keep theirs in the packet record). One record
 * per role's annotation, each with at most the digest's parts: status stays bounded.
 *
 * <p>A sign-off that names no digest (written the way sign-offs were before digests) is bound to
 * the spec's version's digest when the operator first sees it for the spec's version with all of
 * its evidence read, and from then on is stale when the digest changes, as if it had named it.
 */
final class SignoffRecords {
  private SignoffRecords() {}

  static List<SignoffRecord> update(
      List<SignoffRecord> previous,
      Map<String, String> annotations,
      Instant now,
      String specVersion,
      PacketDigest current) {
    List<SignoffRecord> records = new ArrayList<>();
    annotations.forEach(
        (key, value) ->
            Signoff.roleOf(key)
                .filter(role -> OwnerRole.parse(role).isPresent())
                .flatMap(role -> Signoff.parse(role, value))
                .ifPresent(s -> records.add(record(previous, s, now, specVersion, current))));
    records.sort(Comparator.comparing(SignoffRecord::role));
    return records;
  }

  private static SignoffRecord record(
      List<SignoffRecord> previous,
      Signoff signoff,
      Instant now,
      String specVersion,
      PacketDigest current) {
    Optional<SignoffRecord> seen = seen(previous, signoff);
    if (seen.isPresent() && seen.get().digest() != null) {
      return seen.get();
    }
    Instant seenAt = seen.map(SignoffRecord::seenAt).orElse(now);
    boolean forSpec = signoff.version().equals(specVersion);
    if (signoff.digest() != null) {
      return new SignoffRecord(
          signoff.role(),
          signoff.version(),
          signoff.by(),
          seenAt,
          signoff.digest(),
          null,
          forSpec && current.matches(signoff.digest()) ? current.shortParts() : null);
    }
    if (forSpec && current.complete()) {
      return new SignoffRecord(
          signoff.role(),
          signoff.version(),
          signoff.by(),
          seenAt,
          current.digest(),
          true,
          current.shortParts());
    }
    // Not bound yet: another version's sign-off, or evidence that cannot be read now, would bind
    // it to a packet nobody reviewed.
    return new SignoffRecord(signoff.role(), signoff.version(), signoff.by(), seenAt);
  }

  /**
   * This sign-off's record, if the operator saw it before: same role, version and signer, and the
   * same digest named, or, for one that names none, a record bound by the operator or not yet.
   */
  private static Optional<SignoffRecord> seen(List<SignoffRecord> previous, Signoff signoff) {
    return previous.stream()
        .filter(
            r ->
                r.role().equals(signoff.role())
                    && r.version().equals(signoff.version())
                    && r.by().equals(signoff.by()))
        .filter(
            r ->
                signoff.digest() == null
                    ? Boolean.TRUE.equals(r.bound()) || r.digest() == null
                    : Objects.equals(r.digest(), signoff.digest()) && r.bound() == null)
        .findFirst();
  }
}
