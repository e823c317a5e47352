package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.GateId;
import dev.releasegate.gate.GateReport;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The kubectl commands status prints for people. Each works when pasted into a shell: it names the
 * release's namespace (whatever the person's kubeconfig points at), overwrites a value already
 * there (a request or sign-off from an earlier version), and writes {@code by=} as the person's own
 * user name, which the shell asks the API server for: the admission policy accepts no other, and a
 * placeholder left in would be refused at 3 a.m.
 */
final class Commands {
  /**
   * What a pasted command writes after {@code by=}: the requester's user name as the API server
   * knows it. Inside double quotes the shell runs it; its single quotes are its own.
   */
  static final String WHOAMI = "$(kubectl auth whoami -o jsonpath='{.status.userInfo.username}')";

  private Commands() {}

  /**
   * Sets an annotation on the release, over any value it has, to {@code fields} and the person's
   * {@code by=}. The fields are versions (label values), steps and reasons the operator wrote:
   * inside double quotes nothing of them is expanded.
   */
  static String attributed(Draft d, String key, String fields) {
    return "kubectl annotate --overwrite "
        + release(d)
        + " "
        + key
        + "=\""
        + (fields.isEmpty() ? "" : fields + "; ")
        + "by="
        + WHOAMI
        + "\"";
  }

  /**
   * Sets a one-shot request (promote, retry) to a value it has not had yet, so the pasted command
   * acts: a request acts once per value, the one present or last acted on counts as used, and
   * kubectl writing the value already there changes nothing. The value is {@code fields}, else
   * {@code fields + "; attempt=N"} with the first N from 2 that no used request has; by= aside,
   * since the person who pasted the used one writes the same by= again.
   */
  static String freshRequest(Draft d, String key, String fields) {
    Set<String> used =
        Stream.concat(
                Optional.ofNullable(d.status.getAcknowledged().get(key)).stream(),
                d.annotations.request(key).stream())
            .map(ReleaseAnnotations::unattributed)
            .collect(Collectors.toSet());
    String value = fields;
    for (int attempt = 2; used.contains(value); attempt++) {
      value = fields + "; attempt=" + attempt;
    }
    return attributed(d, key, value);
  }

  /**
   * Turns a flag (the kill switch, a pause) off and says who did: {@code false; by=...}. Removing
   * the annotation turns it off too, but leaves no name.
   */
  static String turnOff(Draft d, String key) {
    return attributed(d, key, "false");
  }

  /**
   * A sign-off for one role, as the person who pastes it, of the packet as it is now: the digest is
   * what the operator shows in status.packetDigest, so a packet edited after the command was
   * printed leaves the pasted sign-off stale rather than approving what the signer never saw.
   */
  static String sign(Draft d, String version, String role) {
    return attributed(
        d,
        "signoff.releasegate.dev/" + role,
        "version=" + version + "; digest=" + d.digest.shortDigest());
  }

  private static String release(Draft d) {
    return "-n " + d.release.getMetadata().getNamespace() + " mrel " + d.name();
  }

  /**
   * How each reviewer whose sign-off is missing signs the candidate: one ready command per role, on
   * a line of its own so that it is selected and pasted alone.
   */
  static String signHints(Draft d, GateReport gates) {
    List<String> roles =
        gates.gates().stream()
            .filter(g -> GateId.of(g.name()).map(GateId::isSignoff).orElse(false))
            .flatMap(g -> g.missing().stream())
            .map(missing -> missing.split(" ", 2)[0])
            .distinct()
            .toList();
    StringBuilder hint = new StringBuilder();
    if (!roles.isEmpty()) {
      hint.append("\nTo sign, each for your own role and as yourself (by= is your user name):");
      for (String role : roles) {
        hint.append("\n  ")
            .append(role)
            .append(": ")
            .append(sign(d, d.spec.model().version(), role));
      }
    }
    return hint.toString();
  }
}
