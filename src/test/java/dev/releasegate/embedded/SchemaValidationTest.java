package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Custom resources are checked against their CRD's schema on every write, as a real server checks
 * them, and refused with 422 Invalid naming the field; other kinds are not touched.
 */
@Integration
class SchemaValidationTest extends EmbeddedApiTestSupport {

  static final String MODEL_RELEASE_CRD = "crds/modelreleases.releasegate.dev-v1.yml";

  /** A release with the fields its schema requires and a three-step canary. */
  static final String RELEASE =
      """
      apiVersion: releasegate.dev/v1alpha1
      kind: ModelRelease
      metadata: {name: claims-agent}
      spec:
        systemType: AgenticSystem
        model: {name: claims-agent, version: "1.2.0", image: "registry.example.com/claims:1.2.0"}
        canary:
          steps:
            - {weight: 25, pause: 10m}
            - {weight: 50, pause: 10m}
            - {weight: 100}
      """;

  private String ns;

  @BeforeAll
  static void installModelReleaseCrd() {
    api.installCrd(MODEL_RELEASE_CRD);
  }

  @BeforeEach
  void useFreshNamespace() {
    ns = newNamespace();
  }

  @Test
  void aStringWhereTheSchemaSaysIntegerIsRefusedNamingTheField() {
    GenericKubernetesResource release = release();
    steps(release).get(2).put("weight", "lots");

    KubernetesClientException refused = refused(() -> releases().resource(release).create());

    assertThat(refused.getStatus().getMessage())
        .isEqualTo(
            "ModelRelease.releasegate.dev \"claims-agent\" is invalid: spec.canary.steps[2].weight:"
                + " Invalid value: \"string\": spec.canary.steps[2].weight in body must be of type"
                + " integer: \"string\"");
    assertThat(refused.getStatus().getDetails().getKind()).isEqualTo("ModelRelease");
    assertThat(refused.getStatus().getDetails().getName()).isEqualTo("claims-agent");
    assertThat(refused.getStatus().getDetails().getCauses())
        .extracting(StatusCause::getReason, StatusCause::getField)
        .containsExactly(tuple("FieldValueTypeInvalid", "spec.canary.steps[2].weight"));
    assertThat(releases().withName("claims-agent").get()).isNull();
  }

  @Test
  void aNameNoServerWouldAcceptIsRefusedNamingMetadataName() {
    for (String name : List.of("Claims-Agent", "v\u00efctim", "x".repeat(254))) {
      GenericKubernetesResource release = release();
      release.getMetadata().setName(name);

      KubernetesClientException refused = refused(() -> releases().resource(release).create());

      assertThat(refused.getStatus().getDetails().getCauses())
          .extracting(StatusCause::getField)
          .as(name)
          .containsExactly("metadata.name");
    }
    assertThat(releases().list().getItems()).isEmpty();
  }

  @Test
  void aConfigMapValueThatIsNotAStringIsRefusedAndAnUnknownMetadataFieldIsDropped() {
    var configMaps = client.configMaps().inNamespace(ns);
    String notAString =
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"evidence\"},"
            + "\"data\":{\"modelCard\":[1,2]}}";
    assertThatThrownBy(
            () ->
                configMaps.resource(Serialization.unmarshal(notAString, ConfigMap.class)).create())
        .isInstanceOf(RuntimeException.class);
    assertThat(configMaps.withName("evidence").get()).isNull();

    releases().resource(release()).create();
    releases()
        .withName("claims-agent")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"bogus\":1}}");
    assertThat(
            client
                .genericKubernetesResources("releasegate.dev/v1alpha1", "ModelRelease")
                .inNamespace(ns)
                .withName("claims-agent")
                .get()
                .getMetadata()
                .getAdditionalProperties())
        .as("a real server drops what ObjectMeta does not have, whatever the request asks")
        .doesNotContainKey("bogus");
  }

  @Test
  void aValidReleaseIsStoredAsSent() {
    GenericKubernetesResource created = releases().resource(release()).create();

    assertThat(steps(created)).hasSize(3);
    assertThat(steps(created).get(2)).containsEntry("weight", 100);
  }

  @Test
  void aMissingRequiredFieldIsRefused() {
    GenericKubernetesResource release = release();
    spec(release).remove("systemType");
    ((Map<String, Object>) spec(release).get("model")).remove("image");

    KubernetesClientException refused = refused(() -> releases().resource(release).create());

    assertThat(refused.getStatus().getDetails().getCauses())
        .extracting(StatusCause::getField, StatusCause::getMessage)
        .containsExactlyInAnyOrder(
            tuple("spec.systemType", "Required value"),
            tuple("spec.model.image", "Required value"));
    assertThat(refused.getStatus().getMessage())
        .startsWith("ModelRelease.releasegate.dev \"claims-agent\" is invalid: [")
        .contains("spec.systemType: Required value");
  }

  @Test
  void enumsPatternsAndBoundsAreChecked() {
    GenericKubernetesResource release = release();
    spec(release).put("systemType", "Chatbot");
    steps(release).get(0).put("pause", "ten minutes");
    steps(release).get(1).put("weight", 0);
    steps(release).get(2).put("weight", 101);

    KubernetesClientException refused = refused(() -> releases().resource(release).create());

    assertThat(refused.getStatus().getDetails().getCauses())
        .extracting(c -> c.getField() + ": " + c.getMessage())
        .containsExactlyInAnyOrder(
            "spec.systemType: Unsupported value: \"Chatbot\": supported values: \"AgenticSystem\","
                + " \"FineTunedModel\", \"FoundationModelWrapper\"",
            "spec.canary.steps[0].pause: Invalid value: \"ten minutes\":"
                + " spec.canary.steps[0].pause in body should match"
                + " '^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$'",
            "spec.canary.steps[1].weight: Invalid value: 0: spec.canary.steps[1].weight in body"
                + " should be greater than or equal to 1",
            "spec.canary.steps[2].weight: Invalid value: 101: spec.canary.steps[2].weight in body"
                + " should be less than or equal to 100");
  }

  @Test
  void patchesUpdatesAndServerSideApplyAreCheckedAsTheyWouldBeStored() {
    releases().resource(release()).create();
    Resource<GenericKubernetesResource> stored = releases().withName("claims-agent");

    assertThat(
            refused(
                    () ->
                        stored.patch(
                            PatchContext.of(PatchType.JSON),
                            "[{\"op\":\"replace\",\"path\":\"/spec/canary/steps/2/weight\","
                                + "\"value\":\"lots\"}]"))
                .getStatus()
                .getMessage())
        .contains("spec.canary.steps[2].weight: Invalid value: \"string\"");
    assertThat(
            refused(
                    () ->
                        stored.patch(
                            PatchContext.of(PatchType.JSON_MERGE),
                            "{\"spec\":{\"model\":{\"version\":7}}}"))
                .getStatus()
                .getMessage())
        .contains("spec.model.version: Invalid value: \"integer\"");
    GenericKubernetesResource edited = stored.get();
    spec(edited).put("replicas", "four");
    assertThat(refused(() -> releases().resource(edited).update()).getStatus().getMessage())
        .contains("spec.replicas: Invalid value: \"string\"");
    GenericKubernetesResource applied = release();
    steps(applied).get(0).put("weight", "25%");
    assertThat(
            refused(
                    () ->
                        releases()
                            .resource(applied)
                            .fieldManager("kubectl")
                            .forceConflicts()
                            .serverSideApply())
                .getStatus()
                .getMessage())
        .contains("spec.canary.steps[0].weight: Invalid value: \"string\"");

    assertThat(steps(stored.get()))
        .extracting(step -> step.get("weight"))
        .containsExactly(25, 50, 100);
  }

  @Test
  void theStatusSubresourceIsCheckedToo() {
    releases().resource(release()).create();
    Resource<GenericKubernetesResource> status = releases().withName("claims-agent");

    KubernetesClientException refused =
        refused(
            () ->
                status
                    .subresource("status")
                    .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"status\":{\"canary\":{\"weight\":\"half\",\"stepStartedAt\":\"noon\"}}}"));

    assertThat(refused.getStatus().getDetails().getCauses())
        .extracting(c -> c.getField() + ": " + c.getMessage())
        .containsExactlyInAnyOrder(
            "status.canary.weight: Invalid value: \"string\": status.canary.weight in body must be"
                + " of type integer: \"string\"",
            "status.canary.stepStartedAt: Invalid value: \"noon\": status.canary.stepStartedAt in"
                + " body must be of type date-time: \"noon\"");
    status
        .subresource("status")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"status\":{\"canary\":{\"weight\":50,\"stepStartedAt\":\"2026-01-02T03:04:05Z\"}}}");
    assertThat(status.get().get("status", "canary", "weight").toString()).isEqualTo("50");
  }

  @Test
  void unknownFieldsAreDroppedUnlessTheSchemaKeepsThem() {
    GenericKubernetesResource release = release();
    spec(release).put("canary-typo", Map.of("steps", List.of()));
    steps(release).get(0).put("holdFor", "1h");
    spec(release)
        .put("template", Map.of("spec", Map.of("containers", List.of(Map.of("name", "m")))));

    GenericKubernetesResource created = releases().resource(release).create();

    assertThat(spec(created)).doesNotContainKey("canary-typo").containsKey("template");
    assertThat(steps(created).get(0)).doesNotContainKey("holdFor");
    assertThat(created.getMetadata().getName()).isEqualTo("claims-agent");
    Object template = releases().withName("claims-agent").get().get("spec", "template", "spec");
    assertThat(template).isEqualTo(Map.of("containers", List.of(Map.of("name", "m"))));
  }

  @Test
  void aNullFieldIsDroppedRatherThanRefused() {
    releases().resource(release()).create();

    GenericKubernetesResource patched =
        releases()
            .withName("claims-agent")
            .patch(
                PatchContext.of(PatchType.JSON),
                "[{\"op\":\"add\",\"path\":\"/spec/replicas\",\"value\":null}]");

    assertThat(spec(patched)).doesNotContainKey("replicas");
  }

  @Test
  void objectsOfOtherKindsAreNotChecked() {
    var configMap =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("weights")
            .withNamespace(ns)
            .endMetadata()
            .addToData("weight", "lots")
            .build();

    assertThat(client.resource(configMap).create().getData()).containsEntry("weight", "lots");
  }

  @Test
  void aChangedCrdIsValidatedAgainstItsNewSchema() {
    widgets().resource(widget(ns, "before", Map.of("size", "small"))).create();
    try {
      onlySmallWidgets();

      assertThat(
              refused(
                      () ->
                          widgets().resource(widget(ns, "after", Map.of("size", "huge"))).create())
                  .getStatus()
                  .getMessage())
          .contains("spec.size: Unsupported value: \"huge\"");
    } finally {
      api.installCrd(WIDGET_CRD);
    }
    widgets().resource(widget(ns, "restored", Map.of("size", "huge"))).create();
  }

  @Test
  void anUpdateIsNotRefusedForAnInvalidValueItLeftAsItWas() {
    widgets().resource(widget(ns, "old", Map.of("size", "huge"))).create();
    Resource<GenericKubernetesResource> old = widgets().inNamespace(ns).withName("old");
    try {
      onlySmallWidgets();

      old.subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"phase\":\"Stuck\"}}");
      old.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"colour\":\"red\"}}");
      assertThat(
              refused(
                      () ->
                          old.patch(
                              PatchContext.of(PatchType.JSON_MERGE),
                              "{\"spec\":{\"size\":\"huger\"}}"))
                  .getStatus()
                  .getMessage())
          .contains("spec.size: Unsupported value: \"huger\"");
    } finally {
      api.installCrd(WIDGET_CRD);
    }
    assertThat(old.get().get("spec").toString()).isEqualTo("{size=huge, colour=red}");
    assertThat(old.get().get("status", "phase").toString()).isEqualTo("Stuck");
  }

  /** Tightens the widget CRD: spec.size must now be "small"; {@code WIDGET_CRD} restores it. */
  private static void onlySmallWidgets() {
    CustomResourceDefinition crd =
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName("widgets.test.releasegate.dev")
            .get();
    JSONSchemaProps size =
        crd.getSpec()
            .getVersions()
            .get(0)
            .getSchema()
            .getOpenAPIV3Schema()
            .getProperties()
            .get("spec")
            .getProperties()
            .get("size");
    size.setEnum(List.of(new TextNode("small")));
    client.resource(crd).update();
  }

  private static KubernetesClientException refused(ThrowingCallable write) {
    KubernetesClientException[] caught = new KubernetesClientException[1];
    assertThatThrownBy(write)
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> caught[0] = e);
    assertThat(caught[0].getCode()).isEqualTo(422);
    assertThat(caught[0].getStatus().getReason()).isEqualTo("Invalid");
    return caught[0];
  }

  private NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      releases() {
    return client
        .genericKubernetesResources("releasegate.dev/v1alpha1", "ModelRelease")
        .inNamespace(ns);
  }

  private GenericKubernetesResource release() {
    GenericKubernetesResource release =
        Serialization.unmarshal(RELEASE, GenericKubernetesResource.class);
    release.getMetadata().setNamespace(ns);
    return release;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource release) {
    return (Map<String, Object>) release.getAdditionalProperties().get("spec");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps(GenericKubernetesResource release) {
    return (List<Map<String, Object>>)
        ((Map<String, Object>) spec(release).get("canary")).get("steps");
  }
}
