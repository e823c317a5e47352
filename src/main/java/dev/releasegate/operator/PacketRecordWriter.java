package dev.releasegate.operator;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.lifecycle.PacketRecord;
import dev.releasegate.traffic.ServingObjects;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.HttpURLConnection;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each promoted version's packet record as an immutable ConfigMap. It is created once and
 * never updated; an existing record is left as it is. By default it is not owned by the release, so
 * deleting the ModelRelease keeps the audit trail.
 */
final class PacketRecordWriter {
  private static final Logger LOG = LoggerFactory.getLogger(PacketRecordWriter.class);
  static final String KEY = "packet.json";

  private final KubernetesClient client;
  private final boolean ownedByRelease;

  PacketRecordWriter(KubernetesClient client, boolean ownedByRelease) {
    this.client = client;
    this.ownedByRelease = ownedByRelease;
  }

  void keep(ModelRelease release, PacketRecord record) {
    ConfigMap configMap = toConfigMap(release, record);
    try {
      client.configMaps().inNamespace(record.namespace()).resource(configMap).create();
      LOG.info(
          "Kept the packet record of {} in ConfigMap {}", record.model().version(), record.name());
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      LOG.info("Packet record {} already exists; records are never rewritten", record.name());
    }
  }

  ConfigMap toConfigMap(ModelRelease release, PacketRecord record) {
    Map<String, String> labels = ServingObjects.releaseLabels(release);
    labels.put(ObjectNames.VERSION, record.model().version());
    labels.put(ObjectNames.PACKET_RECORD, "true");
    ConfigMapBuilder builder =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(record.name())
            .withNamespace(record.namespace())
            .withLabels(labels)
            .endMetadata()
            .withImmutable(true)
            .addToData(KEY, json(record));
    if (ownedByRelease) {
      builder.editMetadata().withOwnerReferences(ServingObjects.ownedBy(release)).endMetadata();
    }
    return builder.build();
  }

  static String json(PacketRecord record) {
    try {
      return Serialization.jsonMapper().writerWithDefaultPrettyPrinter().writeValueAsString(record);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a packet record is plain data and always serialises", e);
    }
  }
}
