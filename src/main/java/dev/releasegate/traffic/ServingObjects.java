package dev.releasegate.traffic;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the objects that serve a release. The Deployment for one model version is the release's
 * pod template with the version's image and MODEL_* environment, labelled so the Service and the
 * operator can find it. The track label sits on the Deployment only, never on its pods, so
 * promoting a version does not restart them.
 */
public final class ServingObjects {
  static final String DEFAULT_CONTAINER = "model-server";
  static final int DEFAULT_PORT = 8080;
  private static final java.util.Set<String> MODEL_ENV =
      java.util.Set.of("MODEL_NAME", "MODEL_VERSION", "MODEL_URI");

  private ServingObjects() {}

  /** The Deployment for {@code model} rendered from the release's current template. */
  public static Deployment render(
      ModelRelease release, ModelSpec model, String track, int replicas) {
    PodTemplateSpec template = podTemplate(release, model);
    return deployment(release, model.version(), track, replicas, template, hash(template));
  }

  /**
   * The same Deployment with another track and scale, keeping the template it was rendered with.
   */
  public static Deployment rescale(
      ModelRelease release, Deployment existing, String track, int replicas) {
    String version = existing.getMetadata().getLabels().get(ObjectNames.VERSION);
    PodTemplateSpec template = new PodTemplateSpecBuilder(existing.getSpec().getTemplate()).build();
    String hash =
        existing.getMetadata().getAnnotations() == null
            ? hash(template)
            : existing
                .getMetadata()
                .getAnnotations()
                .getOrDefault(ObjectNames.TEMPLATE_HASH, hash(template));
    return deployment(release, version, track, replicas, template, hash);
  }

  /**
   * The one Service in front of every version of the release: it selects the release's pods, so
   * each version gets traffic in proportion to its ready pods. Its ports are the serving
   * container's.
   */
  public static Service service(ModelRelease release) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(ObjectNames.service(release.getMetadata().getName()))
        .withNamespace(release.getMetadata().getNamespace())
        .withLabels(releaseLabels(release))
        .withOwnerReferences(ownedBy(release))
        .endMetadata()
        .withNewSpec()
        .withSelector(
            Map.of(ObjectNames.RELEASE, ObjectNames.releaseLabel(release.getMetadata().getName())))
        .withPorts(containerPorts(release))
        .endSpec()
        .build();
  }

  /**
   * The Service in front of one track (Gateway API router): it selects the pods of one version, so
   * a route's weight for it is exactly that version's share. With {@code port} it exposes that
   * port, forwarding to the serving container's first port; without, the container's ports.
   */
  public static Service trackService(
      ModelRelease release, String track, String version, Integer port) {
    List<ServicePort> ports = containerPorts(release);
    if (port != null) {
      ServicePort first = ports.get(0);
      ports =
          List.of(
              new ServicePortBuilder(first)
                  .withPort(port)
                  .withTargetPort(new IntOrString(first.getPort()))
                  .build());
    }
    Map<String, String> labels = releaseLabels(release);
    labels.put(ObjectNames.TRACK, track);
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(ObjectNames.trackService(release.getMetadata().getName(), track))
        .withNamespace(release.getMetadata().getNamespace())
        .withLabels(labels)
        .withOwnerReferences(ownedBy(release))
        .endMetadata()
        .withNewSpec()
        .withSelector(podSelector(release, version))
        .withPorts(ports)
        .endSpec()
        .build();
  }

  /** The port a route names to reach a track Service: {@code port}, or the container's first. */
  public static int routePort(ModelRelease release, Integer port) {
    return port != null ? port : containerPorts(release).get(0).getPort();
  }

  /**
   * The serving container's ports as Service ports; 8080 ("http") when it names none. Written as
   * the API server stores them, so that comparing with what it returns finds no difference where
   * there is none: the protocol it defaults is given (TCP), and when there are several ports each
   * has the name the server requires of them ("tcp-8080" for an unnamed one).
   */
  private static List<ServicePort> containerPorts(ModelRelease release) {
    List<ServicePort> ports = new ArrayList<>();
    PodTemplateSpec template = release.getSpec().template();
    Container container =
        template == null
            ? defaultTemplate().build().getSpec().getContainers().get(0)
            : template.getSpec().getContainers().get(0);
    List<ContainerPort> declared = container.getPorts() == null ? List.of() : container.getPorts();
    for (ContainerPort port : declared) {
      String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
      String name =
          port.getName() == null && declared.size() > 1
              ? protocol.toLowerCase(java.util.Locale.ROOT) + "-" + port.getContainerPort()
              : port.getName();
      ports.add(
          new ServicePortBuilder()
              .withName(name)
              .withPort(port.getContainerPort())
              .withTargetPort(new IntOrString(port.getContainerPort()))
              .withProtocol(protocol)
              .build());
    }
    if (ports.isEmpty()) {
      ports.add(
          new ServicePortBuilder()
              .withName("http")
              .withPort(DEFAULT_PORT)
              .withTargetPort(new IntOrString(DEFAULT_PORT))
              .withProtocol("TCP")
              .build());
    }
    return ports;
  }

  /** The labels every object of the release carries. */
  public static Map<String, String> releaseLabels(ModelRelease release) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ObjectNames.MANAGED_BY, ObjectNames.MANAGER);
    labels.put(ObjectNames.RELEASE, ObjectNames.releaseLabel(release.getMetadata().getName()));
    return labels;
  }

  /** Makes the release own an object, so deleting the release deletes it. */
  public static OwnerReference ownedBy(ModelRelease release) {
    return new OwnerReferenceBuilder()
        .withApiVersion(release.getApiVersion())
        .withKind(release.getKind())
        .withName(release.getMetadata().getName())
        .withUid(release.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  private static Deployment deployment(
      ModelRelease release,
      String version,
      String track,
      int replicas,
      PodTemplateSpec template,
      String hash) {
    Map<String, String> labels = releaseLabels(release);
    labels.put(ObjectNames.TRACK, track);
    labels.put(ObjectNames.VERSION, version);
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(ObjectNames.deployment(release.getMetadata().getName(), version))
        .withNamespace(release.getMetadata().getNamespace())
        .withLabels(labels)
        .addToAnnotations(ObjectNames.TEMPLATE_HASH, hash)
        .withOwnerReferences(ownedBy(release))
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .withMatchLabels(podSelector(release, version))
        .endSelector()
        .withTemplate(template)
        .endSpec()
        .build();
  }

  private static Map<String, String> podSelector(ModelRelease release, String version) {
    return Map.of(
        ObjectNames.RELEASE,
        ObjectNames.releaseLabel(release.getMetadata().getName()),
        ObjectNames.VERSION,
        version);
  }

  private static PodTemplateSpec podTemplate(ModelRelease release, ModelSpec model) {
    PodTemplateSpec given = release.getSpec().template();
    PodTemplateSpecBuilder builder =
        given == null ? defaultTemplate() : new PodTemplateSpecBuilder(given);
    PodTemplateSpec template =
        builder
            .editOrNewMetadata()
            .addToLabels(podSelector(release, model.version()))
            .endMetadata()
            .build();
    List<Container> containers = new ArrayList<>(template.getSpec().getContainers());
    containers.set(0, servingContainer(containers.get(0), model));
    template.getSpec().setContainers(containers);
    return template;
  }

  private static Container servingContainer(Container container, ModelSpec model) {
    List<EnvVar> env = new ArrayList<>(container.getEnv() == null ? List.of() : container.getEnv());
    env.removeIf(e -> MODEL_ENV.contains(e.getName()));
    env.add(new EnvVar("MODEL_NAME", model.name(), null));
    env.add(new EnvVar("MODEL_VERSION", model.version(), null));
    if (model.uri() != null) {
      env.add(new EnvVar("MODEL_URI", model.uri(), null));
    }
    return new ContainerBuilder(container).withImage(model.image()).withEnv(env).build();
  }

  private static PodTemplateSpecBuilder defaultTemplate() {
    return new PodTemplateSpecBuilder()
        .withNewSpec()
        .addNewContainer()
        .withName(DEFAULT_CONTAINER)
        .addNewPort()
        .withName("http")
        .withContainerPort(DEFAULT_PORT)
        .endPort()
        .endContainer()
        .endSpec();
  }

  private static String hash(PodTemplateSpec template) {
    return ObjectNames.digest(Serialization.asJson(template)).substring(0, 12);
  }
}
