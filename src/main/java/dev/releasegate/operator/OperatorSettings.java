package dev.releasegate.operator;

import dev.releasegate.analysis.ServiceAddresses;
import dev.releasegate.gate.ChecklistPolicy;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;

/**
 * How an operator process is configured.
 *
 * @param policy the checklist releases are held to
 * @param namespaces where to watch; empty for every namespace
 * @param packetRecordsFollowRelease whether a release's packet records are deleted with it
 *     (default: kept, so the audit trail outlives the ModelRelease)
 * @param selector a label selector on ModelReleases: several installations split the releases
 *     between them, each acting only on those it selects; empty for every release
 * @param identity which process this is, in Events and in the lease (the pod name in a cluster)
 * @param leaderElection the lease to hold before acting; empty to act at once (one replica only)
 * @param endpoints where to serve /metrics, /healthz and /readyz; empty for nowhere
 * @param serviceAddresses where metric sources named as cluster Services are reached when the
 *     process runs outside the cluster (the embedded demo); none in a cluster
 */
public record OperatorSettings(
    ChecklistPolicy policy,
    Set<String> namespaces,
    boolean packetRecordsFollowRelease,
    Optional<String> selector,
    String identity,
    Optional<LeaderElection> leaderElection,
    Optional<InetSocketAddress> endpoints,
    ServiceAddresses serviceAddresses) {

  /** The built-in checklist, every namespace and release, packet records kept, no lease. */
  public static OperatorSettings defaults() {
    return new OperatorSettings(
        ChecklistPolicy.builtIn(),
        Set.of(),
        false,
        Optional.empty(),
        defaultIdentity(),
        Optional.empty(),
        Optional.empty(),
        ServiceAddresses.none());
  }

  /** The pod name in a cluster (HOSTNAME), "releasegate" elsewhere. */
  public static String defaultIdentity() {
    String host = System.getenv("HOSTNAME");
    return host == null || host.isBlank() ? "releasegate" : host;
  }

  public OperatorSettings withNamespaces(Set<String> watched) {
    return new OperatorSettings(
        policy,
        watched,
        packetRecordsFollowRelease,
        selector,
        identity,
        leaderElection,
        endpoints,
        serviceAddresses);
  }

  public OperatorSettings withSelector(String labelSelector) {
    return new OperatorSettings(
        policy,
        namespaces,
        packetRecordsFollowRelease,
        Optional.ofNullable(labelSelector).filter(s -> !s.isBlank()),
        identity,
        leaderElection,
        endpoints,
        serviceAddresses);
  }

  public OperatorSettings withIdentity(String processIdentity) {
    return new OperatorSettings(
        policy,
        namespaces,
        packetRecordsFollowRelease,
        selector,
        processIdentity,
        leaderElection,
        endpoints,
        serviceAddresses);
  }

  public OperatorSettings withLeaderElection(LeaderElection lease) {
    return new OperatorSettings(
        policy,
        namespaces,
        packetRecordsFollowRelease,
        selector,
        identity,
        Optional.ofNullable(lease),
        endpoints,
        serviceAddresses);
  }

  public OperatorSettings withEndpoints(InetSocketAddress address) {
    return new OperatorSettings(
        policy,
        namespaces,
        packetRecordsFollowRelease,
        selector,
        identity,
        leaderElection,
        Optional.ofNullable(address),
        serviceAddresses);
  }

  public OperatorSettings withServiceAddresses(ServiceAddresses addresses) {
    return new OperatorSettings(
        policy,
        namespaces,
        packetRecordsFollowRelease,
        selector,
        identity,
        leaderElection,
        endpoints,
        addresses);
  }
}
