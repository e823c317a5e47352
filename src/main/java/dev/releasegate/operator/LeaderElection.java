package dev.releasegate.operator;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lease that several replicas of one installation compete for: only its holder reconciles, the
 * others keep warm caches and take over when the holder stops renewing it.
 *
 * @param leaseName the Lease's name; one per installation, so shards each elect their own leader
 * @param leaseNamespace where the Lease lives (the operator's own namespace in a cluster)
 * @param leaseDuration how long a standby waits after the last renewal before it takes over
 * @param renewDeadline how long the leader keeps trying to renew before it gives up leading
 * @param retryPeriod how often candidates try to acquire and the leader renews
 * @param exitOnStopLeading whether the process exits when it loses the lease. True in a cluster:
 *     JOSDK does not stop reconciling by itself, so a former leader must go (its pod restarts and
 *     becomes a standby). False only where the JVM is shared, as in tests.
 */
public record LeaderElection(
    String leaseName,
    String leaseNamespace,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod,
    boolean exitOnStopLeading) {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

  /** Kubernetes' usual timings (15s lease, 10s renew deadline, 2s retry), exiting on loss. */
  public static LeaderElection inCluster(String leaseName, String leaseNamespace) {
    return new LeaderElection(
        leaseName,
        leaseNamespace,
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
        true);
  }

  /**
   * Gives the Lease up once this process has stopped, so a standby takes over at its next retry
   * rather than a lease duration later; a rolling upgrade then loses seconds, not a quarter of a
   * minute. JOSDK keeps the Lease when it stops (it builds Fabric8's elector without
   * releaseOnCancel), so this is done here, as client-go's ReleaseOnCancel does: the holder
   * cleared, the duration one second. The update carries the resourceVersion read, so a Lease
   * another replica took meanwhile is left alone.
   */
  void release(KubernetesClient client, String identity) {
    String namespace = leaseNamespace != null ? leaseNamespace : client.getNamespace();
    try {
      Lease lease = client.leases().inNamespace(namespace).withName(leaseName).get();
      if (lease == null || !identity.equals(lease.getSpec().getHolderIdentity())) {
        return;
      }
      lease.getSpec().setHolderIdentity(null);
      lease.getSpec().setLeaseDurationSeconds(1);
      client.resource(lease).update();
      LOG.info("Gave up the lease {}/{}", namespace, leaseName);
    } catch (KubernetesClientException e) {
      LOG.warn("Could not give up the lease {}/{}: {}", namespace, leaseName, e.getMessage());
    }
  }

  LeaderElectionConfiguration configuration(String identity, LeaderCallbacks callbacks) {
    return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(leaseName)
        .withLeaseNamespace(leaseNamespace)
        .withIdentity(identity)
        .withLeaseDuration(leaseDuration)
        .withRenewDeadline(renewDeadline)
        .withRetryPeriod(retryPeriod)
        .withLeaderCallbacks(callbacks)
        // The callbacks exit on a lost lease themselves (see ReleasegateOperator.callbacks).
        .withExitOnStopLeading(false)
        .build();
  }
}
