package dev.releasegate.operator;

import dev.releasegate.analysis.MetricProviders;
import dev.releasegate.traffic.TrafficRouters;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;

/**
 * The operator process: one ModelRelease controller on a JOSDK {@link Operator}. The same wiring
 * runs against a real cluster and against the embedded API, so what the demo and the tests exercise
 * is what a cluster runs (server-side apply included).
 */
public final class ReleasegateOperator implements AutoCloseable {
  private final Operator operator;

  private ReleasegateOperator(Operator operator) {
    this.operator = operator;
  }

  /**
   * Starts reconciling ModelReleases.
   *
   * @param client the API to work against; not closed by {@link #close()}
   * @param clock the time decisions are made at
   * @param settings the policy, namespaces and packet-record retention
   */
  public static ReleasegateOperator start(
      KubernetesClient client, Clock clock, OperatorSettings settings) {
    Operator operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withStopOnInformerErrorDuringStartup(true));
    var reconciler =
        new ModelReleaseReconciler(
            settings.policy(),
            clock,
            new TrafficRouters(),
            new ReleaseEventRecorder(client, clock, "releasegate", instanceName()),
            new PacketRecordWriter(client, settings.packetRecordsFollowRelease()),
            MetricProviders.standard(new SecretHeaders(client, clock)));
    operator.register(
        reconciler,
        o -> {
          if (!settings.namespaces().isEmpty()) {
            o.settingNamespaces(settings.namespaces());
          }
        });
    operator.start();
    return new ReleasegateOperator(operator);
  }

  @Override
  public void close() {
    operator.stop();
  }

  private static String instanceName() {
    String host = System.getenv("HOSTNAME");
    return host == null || host.isBlank() ? "releasegate" : host;
  }
}
