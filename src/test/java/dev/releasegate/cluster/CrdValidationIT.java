package dev.releasegate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.embedded.Kubectl;
import dev.releasegate.lifecycle.Releases;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CRD's own validation on the real API server: each invalid manifest is refused at apply with
 * the message of the rule it breaks, and ModelReleases the CRD admits (names, versions, pod
 * templates, ports drawn at random from what the schema allows) get Deployments and Services the
 * server accepts, written once.
 */
@ExtendWith(OperatorNeverRefused.class)
class CrdValidationIT {
  private static final String NAMESPACE = "validation";
  private static final Installation installation = Installation.shared();
  private static final Team team = new Team(installation, NAMESPACE);

  /** The fixture's valid release as YAML, with one field of it replaced (a dotted path). */
  private static String manifest(String name, String path, Object value) {
    ModelRelease release = new ModelRelease();
    release.getMetadata().setName(name);
    release.getMetadata().setNamespace(NAMESPACE);
    release.setSpec(Releases.spec("1.0.0"));
    Map<String, Object> tree = Serialization.jsonMapper().convertValue(release, Map.class);
    if (path != null) {
      set(tree, path.split("\\."), 0, value);
    }
    return Serialization.asYaml(tree);
  }

  @SuppressWarnings("unchecked")
  private static void set(Object node, String[] path, int at, Object value) {
    String key = path[at];
    if (node instanceof List<?> list) {
      Object child = list.get(Integer.parseInt(key));
      if (at == path.length - 1) {
        ((List<Object>) list).set(Integer.parseInt(key), value);
      } else {
        set(child, path, at + 1, value);
      }
      return;
    }
    Map<String, Object> map = (Map<String, Object>) node;
    if (at == path.length - 1) {
      map.put(key, value);
    } else {
      set(map.get(key), path, at + 1, value);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a name with dots and capitals | Claims.Agent | | | metadata.name must be a DNS-1035 label",
        "a name starting with a digit | 1st-model | | | metadata.name must be a DNS-1035 label",
        "a version no label can hold | bad-version | spec.model.version | 1.0.0+build.7 | version must be a Kubernetes label value",
        "weights that fall | falling | spec.canary.steps.1.weight | 10 | weights must rise strictly from step to step",
        "an artifact with a url and a ConfigMap | both-refs | spec.packet.artifacts.0.url | https://example.com/card | give exactly one of configMapKeyRef",
        "a pause nobody can read | bad-pause | spec.canary.steps.0.pause | 5 minutes | spec.canary.steps[0].pause",
        "no replicas | no-replicas | spec.replicas | 0 | spec.replicas",
      })
  void anInvalidManifestIsRefusedWithTheRulesMessage(
      String what, String name, String path, String value, String message) {
    Object parsed =
        value == null ? null : value.matches("-?[0-9]+") ? Integer.valueOf(value) : value;
    Kubectl kubectl = installation.admin;
    String file = kubectl.file(name + ".yaml", manifest(name, path, parsed)).toString();

    Kubectl.Result result = kubectl.run("apply", "--server-side", "-f", file);

    assertThat(result.exitCode()).as(what).isNotZero();
    assertThat(result.stderr()).as(what).contains(message);
    assertThat(team.release(name).get()).as("nothing was created").isNull();
  }

  @Test
  void twoOwnersForOneRoleAreRefused() {
    String file =
        installation
            .admin
            .file(
                "two-owners.yaml",
                manifest("two-owners", "spec.owners.1.role", Releases.owners().get(0).role()))
            .toString();
    assertThat(installation.admin.run("apply", "--server-side", "-f", file).stderr())
        .contains("name one owner per role");
  }

  /**
   * Releases the CRD admits, drawn from names, versions and serving ports at the edges of what it
   * allows (the longest name and version, one port or several, named or not, TCP or UDP): each is
   * promoted with its pods Ready behind a Service the server accepted, written exactly once.
   */
  @Test
  void whatTheCrdAdmitsTheServerAcceptsInEveryObjectDerivedFromIt() {
    Random random = new Random(1135);
    List<String> names =
        List.of("a", "m2", "fraud-scorer-eu-west", "x".repeat(20) + "-" + "y".repeat(42));
    List<String> versions =
        List.of("1", "2026.11.1", "1.0.0-rc.1", "V_2", "9".repeat(30) + "." + "a".repeat(32));
    Map<String, ModelReleaseSpec> releases = new LinkedHashMap<>();
    for (String name : names) {
      String version = versions.get(random.nextInt(versions.size()));
      ModelReleaseSpec spec =
          Releases.with(Releases.spec(version), "template", template(random.nextInt(4)));
      releases.put(name, spec);
      team.create(name, spec);
      team.signAll(name, version);
    }
    releases.forEach(
        (name, spec) -> {
          team.awaitPhase(name, Phase.Promoted);
          team.awaitReadyPods(name, Map.of(spec.model().version(), 4));
          Service service =
              team.admin()
                  .services()
                  .inNamespace(NAMESPACE)
                  .withName(ObjectNames.service(name))
                  .get();
          assertThat(service).as(name).isNotNull();
          assertThat(serviceWrites(name))
              .as("the Service of %s is applied once", name)
              .isEqualTo(1);
        });
  }

  /** One of four serving pod templates: none, one unnamed port, two unnamed, named and UDP. */
  private static PodTemplateSpec template(int which) {
    var ports = new ArrayList<io.fabric8.kubernetes.api.model.ContainerPort>();
    switch (which) {
      case 0 -> {
        return null;
      }
      case 1 -> ports.add(new ContainerPortBuilder().withContainerPort(9000).build());
      case 2 -> {
        ports.add(new ContainerPortBuilder().withContainerPort(8080).build());
        ports.add(new ContainerPortBuilder().withContainerPort(9090).build());
      }
      default -> {
        ports.add(new ContainerPortBuilder().withName("grpc").withContainerPort(8081).build());
        ports.add(new ContainerPortBuilder().withContainerPort(5353).withProtocol("UDP").build());
      }
    }
    return new PodTemplateSpecBuilder()
        .withNewSpec()
        .addNewContainer()
        .withName("model-server")
        .withPorts(ports)
        .endContainer()
        .endSpec()
        .build();
  }

  private static long serviceWrites(String release) {
    return installation.audit().requestsOf(Installation.OPERATOR).stream()
        .filter(r -> r.resource().equals("services") && r.namespace().equals(NAMESPACE))
        .filter(r -> r.name().equals(ObjectNames.service(release)))
        .filter(r -> r.verb().equals("patch"))
        .count();
  }
}
