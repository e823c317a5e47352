package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JOSDK with its defaults — server-side apply for the finalizer, the status and dependents,
 * SSA-based matching of dependents, leader election — against the embedded server.
 */
@Integration
class JosdkCompatibilityTest extends EmbeddedApiTestSupport {

  private static final String SELECTOR = "app.kubernetes.io/managed-by=releasegate";

  private Operator operator;
  private SimulatedKubelet kubelet;

  @BeforeEach
  void startOperator() {
    kubelet = new SimulatedKubelet(client, SELECTOR, Duration.ZERO).start();
    operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withLeaderElectionConfiguration(
                        LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration("widgets")
                            .withLeaseNamespace("default")
                            .withExitOnStopLeading(false)
                            .build()));
    operator.register(new WidgetReconciler());
    operator.start();
  }

  @AfterEach
  void stopOperator() {
    operator.stop();
    kubelet.close();
  }

  @Test
  void reconcilesToReadyThenStaysQuietAndCleansUp() {
    String ns = newNamespace();
    client.resource(typedWidget(ns, "w1", "1")).create();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              TypedWidget w1 =
                  client.resources(TypedWidget.class).inNamespace(ns).withName("w1").get();
              assertThat(w1.getMetadata().getFinalizers()).isNotEmpty();
              assertThat(w1.getStatus()).isNotNull();
              assertThat(w1.getStatus().phase).isEqualTo("Ready");
            });

    // Once converged, reconciles must not re-apply the Deployment: the SSA matcher needs the
    // managedFields this server records.
    long applies = api.requestCounter().snapshot().getOrDefault("PATCH deployments", 0L);
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .until(
            () -> api.requestCounter().snapshot().getOrDefault("PATCH deployments", 0L) == applies);

    client.resources(TypedWidget.class).inNamespace(ns).withName("w1").edit(w -> withSize(w, "2"));
    await().atMost(Duration.ofSeconds(10)).until(() -> image(ns, "w1").equals("app:2"));

    client.resources(TypedWidget.class).inNamespace(ns).withName("w1").delete();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> client.resources(TypedWidget.class).inNamespace(ns).withName("w1").get() == null);
  }

  private static String image(String ns, String name) {
    Deployment deployment = client.apps().deployments().inNamespace(ns).withName(name).get();
    return deployment == null
        ? ""
        : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  private static TypedWidget typedWidget(String ns, String name, String size) {
    TypedWidget widget = new TypedWidget();
    widget.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    widget.setSpec(new WidgetSpec());
    widget.getSpec().size = size;
    return widget;
  }

  private static TypedWidget withSize(TypedWidget widget, String size) {
    widget.getSpec().size = size;
    return widget;
  }

  public static class WidgetSpec {
    public String size;
  }

  public static class WidgetStatus {
    public String phase;
  }

  @Group("test.releasegate.dev")
  @Version("v1")
  @io.fabric8.kubernetes.model.annotation.Kind("Widget")
  @io.fabric8.kubernetes.model.annotation.Plural("widgets")
  public static class TypedWidget extends CustomResource<WidgetSpec, WidgetStatus>
      implements Namespaced {}

  public static class WidgetDeployment
      extends CRUDKubernetesDependentResource<Deployment, TypedWidget> {
    public WidgetDeployment() {
      super(Deployment.class);
    }

    @Override
    protected Deployment desired(TypedWidget widget, Context<TypedWidget> context) {
      String name = widget.getMetadata().getName();
      return new DeploymentBuilder(
              PatchesAndSubresourcesTest.deployment(widget.getMetadata().getNamespace(), name, 2))
          .editMetadata()
          .addToLabels("app.kubernetes.io/managed-by", "releasegate")
          .endMetadata()
          .editSpec()
          .editTemplate()
          .editSpec()
          .editFirstContainer()
          .withImage("app:" + widget.getSpec().size)
          .endContainer()
          .endSpec()
          .endTemplate()
          .endSpec()
          .build();
    }
  }

  @Workflow(dependents = @Dependent(type = WidgetDeployment.class))
  @ControllerConfiguration
  public static class WidgetReconciler implements Reconciler<TypedWidget>, Cleaner<TypedWidget> {
    @Override
    public UpdateControl<TypedWidget> reconcile(TypedWidget widget, Context<TypedWidget> context) {
      boolean ready =
          context
              .getSecondaryResource(Deployment.class)
              .map(
                  d ->
                      d.getStatus() != null
                          && Integer.valueOf(2).equals(d.getStatus().getReadyReplicas()))
              .orElse(false);
      TypedWidget status = new TypedWidget();
      status.setMetadata(
          new ObjectMetaBuilder()
              .withNamespace(widget.getMetadata().getNamespace())
              .withName(widget.getMetadata().getName())
              .build());
      status.setStatus(new WidgetStatus());
      status.getStatus().phase = ready ? "Ready" : "Progressing";
      return UpdateControl.patchStatus(status);
    }

    @Override
    public DeleteControl cleanup(TypedWidget widget, Context<TypedWidget> context) {
      return DeleteControl.defaultDelete();
    }
  }
}
