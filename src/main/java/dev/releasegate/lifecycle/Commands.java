package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.GateId;
import dev.releasegate.gate.GateReport;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The kubectl commands status prints for people. Each works when pasted: it names the release's
 * namespace (whatever the person's kubeconfig points at), overwrites a value already there (a
 * request or sign-off from an earlier version), and quotes what the shell would split.
 */
final class Commands {
  /** What a shell passes through unquoted. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/:=+-]+");

  private Commands() {}

  /** Sets an annotation on the release, over any value it has. */
  static String annotate(Draft d, String key, String value) {
    return "kubectl annotate --overwrite " + release(d) + " " + key + "=" + quoted(value);
  }

  /**
   * Sets a one-shot request (promote, retry) to a value it has not had yet, so the pasted command
   * acts: a request acts once per value, the one present or last acted on counts as used, and
   * kubectl writing the value already there changes nothing. The value is {@code first}, else
   * {@code fields + "; attempt=N"} with the first N from 2 that is unused.
   */
  static String freshRequest(Draft d, String key, String first, String fields) {
    Set<String> used = new HashSet<>();
    Optional.ofNullable(d.status.getAcknowledged().get(key)).ifPresent(used::add);
    d.annotations.request(key).ifPresent(used::add);
    String value = first;
    for (int attempt = 2; used.contains(value); attempt++) {
      value = fields + "; attempt=" + attempt;
    }
    return annotate(d, key, value);
  }

  /** Removes an annotation from the release. */
  static String remove(Draft d, String key) {
    return "kubectl annotate " + release(d) + " " + key + "-";
  }

  /**
   * A sign-off for one role, with the signer left for the person to fill in: single quotes keep the
   * placeholder from the shell, and the admission policy refuses any {@code by=} but the requester.
   */
  static String sign(Draft d, String version, String role) {
    return "kubectl annotate --overwrite "
        + release(d)
        + " signoff.releasegate.dev/"
        + role
        + "='version="
        + version
        + "; by=<you>'";
  }

  private static String release(Draft d) {
    return "-n " + d.release.getMetadata().getNamespace() + " mrel " + d.name();
  }

  // Values printed here are versions (label values) and "version=...; step=N" requests: inside
  // double quotes nothing of them is expanded.
  private static String quoted(String value) {
    return PLAIN.matcher(value).matches() ? value : "\"" + value + "\"";
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
