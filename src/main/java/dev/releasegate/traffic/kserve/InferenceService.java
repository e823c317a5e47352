package dev.releasegate.traffic.kserve;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of a KServe InferenceService (serving.kserve.io/v1beta1) releasegate reads.
 *
 * <p>The object itself stays a {@link GenericKubernetesResource}: read by an informer, written only
 * by JSON patches that name the fields releasegate sets. KServe's API is large, versioned apart
 * from releasegate and published as Go types only, so a typed Java model would be either incomplete
 * (losing fields if it were ever written back) or a large copy to keep in step. The few fields read
 * are the small records below, which ignore everything else.
 */
final class InferenceService {
  static final String DEPLOYMENT_MODE = "serving.kserve.io/deploymentMode";

  /** KServe's names for the mode without Knative, where canaryTrafficPercent does nothing. */
  static final Set<String> RAW_MODES = Set.of("RawDeployment", "Standard");

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Spec(Predictor predictor) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Predictor(Integer canaryTrafficPercent, Model model, List<Container> containers) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Model(String storageUri) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Container(String image) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Status(
      Long observedGeneration,
      List<Condition> conditions,
      String deploymentMode,
      Map<String, Component> components) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Condition(String type, String status, String reason, String message) {}

  /** One component's revisions and traffic, as KServe reports them (Serverless mode). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Component(
      String latestCreatedRevision,
      String latestReadyRevision,
      String latestRolledoutRevision,
      String previousRolledoutRevision,
      List<Traffic> traffic) {

    static final Component NONE = new Component(null, null, null, null, List.of());

    List<Traffic> trafficOrEmpty() {
      return traffic == null ? List.of() : traffic;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Traffic(String revisionName, Long percent, Boolean latestRevision, String tag) {}

  /** Where the predictor takes its model from: the field releasegate sets. */
  enum Form {
    /** {@code spec.predictor.model.storageUri}: the release's model.uri. */
    STORAGE_URI,
    /** The first of {@code spec.predictor.containers}: the release's model.image. */
    CONTAINER_IMAGE,
    /** Neither (for example a framework field such as spec.predictor.sklearn). */
    UNSUPPORTED
  }

  final GenericKubernetesResource resource;
  private final Spec spec;
  private final Status status;

  private InferenceService(GenericKubernetesResource resource, Spec spec, Status status) {
    this.resource = resource;
    this.spec = spec;
    this.status = status;
  }

  static InferenceService of(GenericKubernetesResource resource) {
    var mapper = Serialization.jsonMapper();
    Map<String, Object> fields = resource.getAdditionalProperties();
    Spec spec =
        fields.get("spec") == null ? null : mapper.convertValue(fields.get("spec"), Spec.class);
    Status status =
        fields.get("status") == null
            ? null
            : mapper.convertValue(fields.get("status"), Status.class);
    return new InferenceService(resource, spec, status);
  }

  String name() {
    return resource.getMetadata().getName();
  }

  Map<String, String> annotations() {
    return resource.getMetadata().getAnnotations() == null
        ? Map.of()
        : resource.getMetadata().getAnnotations();
  }

  /** The deployment mode, when the annotation or status names one KServe ignores canaries in. */
  Optional<String> rawMode() {
    return Optional.ofNullable(annotations().get(DEPLOYMENT_MODE))
        .or(() -> Optional.ofNullable(status).map(Status::deploymentMode))
        .filter(RAW_MODES::contains);
  }

  Form form() {
    Predictor predictor = predictor();
    if (predictor != null && predictor.model() != null) {
      return Form.STORAGE_URI;
    }
    return predictor != null && predictor.containers() != null && !predictor.containers().isEmpty()
        ? Form.CONTAINER_IMAGE
        : Form.UNSUPPORTED;
  }

  /** The storage URI or image the predictor holds now, per {@link #form()}. */
  String artifact() {
    return switch (form()) {
      case STORAGE_URI -> predictor().model().storageUri();
      case CONTAINER_IMAGE -> predictor().containers().get(0).image();
      case UNSUPPORTED -> null;
    };
  }

  Integer canaryTrafficPercent() {
    return predictor() == null ? null : predictor().canaryTrafficPercent();
  }

  /** Whether KServe has acted on the latest spec (its status is for this generation). */
  boolean current() {
    long generation = Optional.ofNullable(resource.getMetadata().getGeneration()).orElse(0L);
    return status != null
        && status.observedGeneration() != null
        && status.observedGeneration() >= generation;
  }

  long generation() {
    return Optional.ofNullable(resource.getMetadata().getGeneration()).orElse(0L);
  }

  boolean ready() {
    return status != null
        && status.conditions() != null
        && status.conditions().stream()
            .anyMatch(c -> "Ready".equals(c.type()) && "True".equals(c.status()));
  }

  /** The predictor's revisions and traffic. */
  Component revisions() {
    return status == null || status.components() == null
        ? Component.NONE
        : Objects.requireNonNullElse(status.components().get("predictor"), Component.NONE);
  }

  /** Whether the latest revision KServe created is the one it can route to. */
  boolean latestReady() {
    Component revisions = revisions();
    return revisions.latestCreatedRevision() != null
        && revisions.latestCreatedRevision().equals(revisions.latestReadyRevision());
  }

  private Predictor predictor() {
    return spec == null ? null : spec.predictor();
  }
}
