package dev.releasegate.operator;

import dev.releasegate.api.v1alpha1.Reason;
import dev.releasegate.lifecycle.TrafficBlock;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;
import java.util.Set;

/**
 * A write the API server refused for a reason only a person can remove: RBAC (403), a quota or an
 * admission policy (403), an object it finds invalid (422), a request it cannot read (400). Such a
 * refusal holds the release where it is and says so in status and an Event, in the server's own
 * words; retrying it in silence would leave people guessing. A conflict (409), throttling (429) or
 * an unreachable server are not refusals: the reconcile fails and is retried with backoff.
 */
final class WriteRefusal {
  private static final Set<Integer> REFUSED = Set.of(400, 403, 422);

  private WriteRefusal() {}

  static Optional<TrafficBlock> of(KubernetesClientException e) {
    if (!REFUSED.contains(e.getCode())) {
      return Optional.empty();
    }
    String said =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : e.getMessage();
    return Optional.of(
        new TrafficBlock(
            Reason.WriteRefused,
            "The API server refused a write ("
                + e.getCode()
                + (e.getStatus() != null && e.getStatus().getReason() != null
                    ? " " + e.getStatus().getReason()
                    : "")
                + "): "
                + said
                + ". Fix what it names (RBAC, a quota, an admission policy or the spec);"
                + " releasegate tries again every minute and at every change of the release."));
  }
}
