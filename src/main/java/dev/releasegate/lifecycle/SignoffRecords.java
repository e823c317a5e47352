package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.OwnerRole;
import dev.releasegate.api.v1alpha1.SignoffRecord;
import dev.releasegate.gate.Signoff;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Keeps the audit trail of sign-offs: annotations carry no time, so status remembers when the
 * operator first saw each one. A sign-off that changes (another version, another signer) is a new
 * sign-off with a new time; one that is removed leaves the trail (promoted versions keep theirs in
 * the packet record).
 */
final class SignoffRecords {
  private SignoffRecords() {}

  static List<SignoffRecord> update(
      List<SignoffRecord> previous, Map<String, String> annotations, Instant now) {
    List<SignoffRecord> records = new ArrayList<>();
    annotations.forEach(
        (key, value) ->
            Signoff.roleOf(key)
                .filter(role -> OwnerRole.parse(role).isPresent())
                .flatMap(role -> Signoff.parse(role, value))
                .ifPresent(
                    s ->
                        records.add(
                            new SignoffRecord(
                                s.role(), s.version(), s.by(), seenAt(previous, s, now)))));
    records.sort(Comparator.comparing(SignoffRecord::role));
    return records;
  }

  private static Instant seenAt(List<SignoffRecord> previous, Signoff signoff, Instant now) {
    return previous.stream()
        .filter(
            r ->
                r.role().equals(signoff.role())
                    && r.version().equals(signoff.version())
                    && r.by().equals(signoff.by()))
        .map(SignoffRecord::seenAt)
        .findFirst()
        .orElse(now);
  }
}
