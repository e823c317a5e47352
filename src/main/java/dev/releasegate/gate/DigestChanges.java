package dev.releasegate.gate;

import dev.releasegate.api.v1alpha1.RiskTier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What changed between the digest a sign-off approved and the current one, told part by part
 * ("runbook changed, riskTier lowered from high to standard"), so a reviewer knows what to read
 * again before signing anew.
 */
final class DigestChanges {
  private DigestChanges() {}

  /**
   * The changed parts, the enumerated ones first and with their values.
   *
   * @param then the parts recorded when the sign-off was first seen; null when the operator never
   *     saw the digest it names in force, and so cannot tell
   */
  static String between(Map<String, String> then, Map<String, String> now) {
    if (then == null) {
      return "the operator never saw that digest in force, so it cannot tell what changed";
    }
    List<String> changes = new ArrayList<>();
    for (String part : PacketDigest.VALUES) {
      String before = then.get(part);
      String after = now.get(part);
      if (!Objects.equals(before, after)) {
        changes.add(
            part + " " + direction(part, before, after) + " from " + before + " to " + after);
      }
    }
    TreeSet<String> parts = new TreeSet<>(then.keySet());
    parts.addAll(now.keySet());
    parts.removeAll(PacketDigest.VALUES);
    for (String part : parts) {
      String before = then.get(part);
      String after = now.get(part);
      if (before == null) {
        changes.add(part + " added");
      } else if (after == null) {
        changes.add(part + " removed");
      } else if (!PacketDigest.abbreviate(after).equals(before)) {
        changes.add(
            part + (PacketDigest.UNREAD.equals(after) ? " can no longer be read" : " changed"));
      }
    }
    return changes.isEmpty()
        ? "the parts recorded then are the parts now, so the digest was computed otherwise"
        : String.join(", ", changes);
  }

  private static String direction(String part, String before, String after) {
    if (part.equals("riskTier")) {
      var from = RiskTier.parse(before);
      var to = RiskTier.parse(after);
      if (from.isPresent() && to.isPresent()) {
        return to.get().compareTo(from.get()) < 0 ? "lowered" : "raised";
      }
    }
    return "changed";
  }
}
