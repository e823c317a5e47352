package dev.releasegate.operator;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.lifecycle.AuditEntry;
import dev.releasegate.traffic.ServingObjects;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.HttpURLConnection;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each release's audit trail in one ConfigMap, {@code <release>-audit-<hash>}: one key per
 * act, named {@code <time>.<n>.<act>.<id>} (n: its place in its decision) so that {@code kubectl
 * get -o yaml} lists them in order, each holding the act as one line of JSON. Only the operator
 * writes it, and only by adding keys; the oldest are dropped beyond {@link #LIMIT}, so it stays far
 * below a ConfigMap's size limit.
 *
 * <p>Exactly once: an act's id is derived from the release object it was decided on (its uid and
 * resourceVersion) and its place among the decision's acts, so a decision made again on the same
 * object (after a crash before its status was written, or by a new leader) adds nothing. Writes are
 * optimistic (the ConfigMap's resourceVersion), so two writers never lose each other's acts.
 *
 * <p>One ConfigMap per release rather than one object per act keeps the cluster's object count flat
 * with thousands of releases. Like packet records, it outlives the release unless the chart says
 * records follow the release.
 */
final class AuditTrailWriter {
  private static final Logger LOG = LoggerFactory.getLogger(AuditTrailWriter.class);

  /** How many acts a trail keeps, newest last. */
  static final int LIMIT = 200;

  /** How often an append is tried again when another write came first. */
  private static final int ATTEMPTS = 5;

  private static final DateTimeFormatter KEY_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH.mm.ss.SSS'Z'")
          .withZone(java.time.ZoneOffset.UTC);

  private final KubernetesClient client;
  private final boolean ownedByRelease;

  AuditTrailWriter(KubernetesClient client, boolean ownedByRelease) {
    this.client = client;
    this.ownedByRelease = ownedByRelease;
  }

  /** Adds a decision's acts to the release's trail; acts already there are not added again. */
  void append(ModelRelease release, List<AuditEntry> acts) {
    if (acts.isEmpty()) {
      return;
    }
    Map<String, String> added = keyed(release, acts);
    String namespace = release.getMetadata().getNamespace();
    String name = ObjectNames.auditTrail(release.getMetadata().getName());
    for (int attempt = 1; ; attempt++) {
      try {
        ConfigMap current = client.configMaps().inNamespace(namespace).withName(name).get();
        if (current == null) {
          client.configMaps().inNamespace(namespace).resource(trail(release, name, added)).create();
        } else if (!isTrailOf(current, release)) {
          // Someone else's ConfigMap of that name: never write into it, nor take its contents for
          // the release's story. The acts are in the Events; the log says why they are not kept.
          LOG.error(
              "ConfigMap {}/{} is not labelled as the audit trail of {}; the operator leaves it"
                  + " alone and keeps no trail until it is removed",
              namespace,
              name,
              release.getMetadata().getName());
          return;
        } else {
          client.configMaps().inNamespace(namespace).resource(appended(current, added)).update();
        }
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == ATTEMPTS) {
          throw e;
        }
        LOG.debug("Audit trail {} changed while appending; reading it again", name);
      }
    }
  }

  /** Whether a ConfigMap is this release's trail, as the operator labels the trails it creates. */
  static boolean isTrailOf(ConfigMap found, ModelRelease release) {
    Map<String, String> labels =
        found.getMetadata().getLabels() == null ? Map.of() : found.getMetadata().getLabels();
    return "true".equals(labels.get(ObjectNames.AUDIT_TRAIL))
        && ObjectNames.MANAGER.equals(labels.get(ObjectNames.MANAGED_BY))
        && ObjectNames.releaseLabel(release.getMetadata().getName())
            .equals(labels.get(ObjectNames.RELEASE));
  }

  /** The trail with the acts it does not hold yet, its oldest dropped beyond the limit. */
  static ConfigMap appended(ConfigMap current, Map<String, String> added) {
    TreeMap<String, String> data =
        new TreeMap<>(current.getData() == null ? Map.of() : current.getData());
    Set<String> ids = data.keySet().stream().map(AuditTrailWriter::id).collect(Collectors.toSet());
    added.forEach(
        (key, value) -> {
          if (!ids.contains(id(key))) {
            data.put(key, value);
          }
        });
    while (data.size() > LIMIT) {
      data.pollFirstEntry();
    }
    return new ConfigMapBuilder(current).withData(data).build();
  }

  private ConfigMap trail(ModelRelease release, String name, Map<String, String> acts) {
    Map<String, String> labels = ServingObjects.releaseLabels(release);
    labels.put(ObjectNames.AUDIT_TRAIL, "true");
    ConfigMapBuilder builder =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(release.getMetadata().getNamespace())
            .withLabels(labels)
            .endMetadata()
            .withData(new TreeMap<>(acts));
    if (ownedByRelease) {
      builder.editMetadata().withOwnerReferences(ServingObjects.ownedBy(release)).endMetadata();
    }
    return builder.build();
  }

  /** Each act under its key: {@code <time>.<n>.<act>.<id>}. */
  static Map<String, String> keyed(ModelRelease release, List<AuditEntry> acts) {
    Map<String, String> keyed = new TreeMap<>();
    List<String> seen = new ArrayList<>();
    for (AuditEntry act : acts) {
      String identity =
          String.join(
              "/",
              String.valueOf(release.getMetadata().getUid()),
              String.valueOf(release.getMetadata().getResourceVersion()),
              act.act(),
              String.valueOf(act.version()),
              String.valueOf(act.by()));
      // The same act twice in one decision (two roles signed by one person) is told apart by its
      // place among its like.
      long earlier = seen.stream().filter(identity::equals).count();
      seen.add(identity);
      String id = ObjectNames.digest(identity + "#" + earlier).substring(0, 10);
      String time = KEY_TIME.format(act.at().truncatedTo(ChronoUnit.MILLIS));
      String place = String.format(java.util.Locale.ROOT, "%02d", seen.size() - 1);
      keyed.put(time + "." + place + "." + act.act() + "." + id, json(act));
    }
    return keyed;
  }

  private static String id(String key) {
    return key.substring(key.lastIndexOf('.') + 1);
  }

  private static String json(AuditEntry act) {
    try {
      return Serialization.jsonMapper().writeValueAsString(act);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("an audit entry is plain data and always serialises", e);
    }
  }
}
