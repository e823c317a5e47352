package dev.releasegate.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stands in for KServe's controller (Serverless mode) in tests: it turns an InferenceService's spec
 * into the status KServe would report. A change to the predictor other than canaryTrafficPercent
 * makes a new revision, ready at once. Traffic follows KServe's rule: with canaryTrafficPercent the
 * latest revision gets that share and the last rolled-out revision the rest (the one before it,
 * when the latest is itself the rolled-out one: KServe's rollback after promotion); without, the
 * latest gets everything. A revision that gets everything becomes the rolled-out one. RawDeployment
 * mode is not simulated: the router refuses it before writing anything.
 */
public final class SimulatedKServe implements AutoCloseable {
  public static final String API_VERSION = "serving.kserve.io/v1beta1";
  public static final String KIND = "InferenceService";

  private static final ObjectMapper JSON = Serialization.jsonMapper();

  private final KubernetesClient client;
  private final Map<String, List<String>> templatesByUid = new ConcurrentHashMap<>();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "simulated-kserve");
            thread.setDaemon(true);
            return thread;
          });
  private SharedIndexInformer<GenericKubernetesResource> informer;

  public SimulatedKServe(KubernetesClient client) {
    this.client = client;
  }

  public SimulatedKServe start() {
    informer =
        client
            .genericKubernetesResources(API_VERSION, KIND)
            .inAnyNamespace()
            .runnableInformer(0)
            .addEventHandler(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(GenericKubernetesResource service) {
                    worker.submit(() -> reconcile(key(service)));
                  }

                  @Override
                  public void onUpdate(
                      GenericKubernetesResource before, GenericKubernetesResource after) {
                    worker.submit(() -> reconcile(key(after)));
                  }

                  @Override
                  public void onDelete(GenericKubernetesResource service, boolean unknown) {}
                });
    informer.run();
    return this;
  }

  /** The InferenceService a team deploys first: a model server, a format, scaling, a label. */
  public static GenericKubernetesResource inferenceService(
      String name, Map<String, String> annotations) {
    String yaml =
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: %s
          namespace: ml
          labels: {team: assistants}
        spec:
          predictor:
            minReplicas: 2
            model:
              modelFormat: {name: huggingface}
              storageUri: s3://models/assistant/bootstrap
              resources: {requests: {cpu: "2", memory: 8Gi}}
        """
            .formatted(name);
    GenericKubernetesResource service =
        Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    service.getMetadata().setAnnotations(annotations);
    return service;
  }

  @Override
  public void close() {
    informer.close();
    worker.shutdownNow();
  }

  private void reconcile(String key) {
    GenericKubernetesResource resource = informer.getStore().getByKey(key);
    if (resource == null) {
      return;
    }
    ObjectNode service = JSON.valueToTree(resource);
    long generation = service.path("metadata").path("generation").asLong(1);
    if (service.path("status").path("observedGeneration").asLong(-1) == generation) {
      return;
    }
    ObjectNode predictor = service.path("spec").path("predictor").deepCopy();
    JsonNode canary = predictor.remove("canaryTrafficPercent");
    String name = service.path("metadata").path("name").asText();
    List<String> templates =
        templatesByUid.computeIfAbsent(
            service.path("metadata").path("uid").asText(), uid -> new ArrayList<>());
    if (templates.isEmpty() || !templates.get(templates.size() - 1).equals(predictor.toString())) {
      templates.add(predictor.toString());
    }
    String latest = String.format("%s-predictor-%05d", name, templates.size());
    JsonNode before = service.path("status").path("components").path("predictor");
    String rolledOut = before.path("latestRolledoutRevision").asText(null);
    String previous = before.path("previousRolledoutRevision").asText(null);

    ArrayNode traffic = JSON.createArrayNode();
    int latestShare = 100;
    if (canary != null && canary.isInt() && rolledOut != null) {
      int percent = canary.asInt();
      String rest = rolledOut.equals(latest) && percent < 100 ? previous : rolledOut;
      if (rest != null) {
        latestShare = percent;
        if (percent < 100) {
          traffic.add(entry(rest, 100 - percent, false).put("tag", "prev"));
        }
      }
    }
    traffic.insert(0, entry(latest, latestShare, true));
    if (latestShare == 100 && !latest.equals(rolledOut)) {
      previous = rolledOut;
      rolledOut = latest;
    }
    ObjectNode component =
        JSON.createObjectNode()
            .put("latestCreatedRevision", latest)
            .put("latestReadyRevision", latest)
            .put("latestRolledoutRevision", rolledOut)
            .put("previousRolledoutRevision", previous);
    component.set("traffic", traffic);
    ObjectNode status = JSON.createObjectNode().put("observedGeneration", generation);
    status.put("url", "http://" + name + ".example.com");
    status.set(
        "conditions",
        JSON.createArrayNode()
            .add(JSON.createObjectNode().put("type", "PredictorReady").put("status", "True"))
            .add(JSON.createObjectNode().put("type", "Ready").put("status", "True")));
    status.set("components", JSON.createObjectNode().set("predictor", component));
    try {
      client
          .genericKubernetesResources(API_VERSION, KIND)
          .inNamespace(resource.getMetadata().getNamespace())
          .withName(name)
          .subresource("status")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              JSON.createObjectNode().set("status", status).toString());
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private static ObjectNode entry(String revision, int percent, boolean latest) {
    return JSON.createObjectNode()
        .put("revisionName", revision)
        .put("percent", percent)
        .put("latestRevision", latest);
  }

  private static String key(GenericKubernetesResource resource) {
    return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
  }
}
