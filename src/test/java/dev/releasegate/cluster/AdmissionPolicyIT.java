package dev.releasegate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.chart.Chart;
import dev.releasegate.embedded.Kubectl;
import dev.releasegate.gate.Signoff;
import dev.releasegate.lifecycle.ReleaseAnnotations;
import dev.releasegate.lifecycle.Releases;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chart's admission policy on the real API server, with real identities: each request is made
 * with its person's own token, and the server's authorizer (RBAC, as the chart's ClusterRoles are
 * bound) and its CEL cost limits decide, not a test double.
 */
@ExtendWith(OperatorNeverRefused.class)
class AdmissionPolicyIT {
  private static final String NAMESPACE = "admission";
  private static final String NAME = "assistant";
  private static final Installation installation = Installation.shared();
  private static Team team;

  /**
   * A team whose lead holds every reviewer role, and where "stranger" may edit releases (as an
   * MLOps engineer of the team may) but holds no reviewer role and is not on call.
   */
  @BeforeAll
  static void aTeamWithALeadWhoHoldsEveryRoleAndAnEditorWhoHoldsNone() {
    team = new Team(installation, NAMESPACE);
    installation.grantOnReleases(
        NAMESPACE,
        "release-editor",
        new SubjectBuilder()
            .withKind("User")
            .withName("stranger")
            .withApiGroup("rbac.authorization.k8s.io")
            .build(),
        "get",
        "list",
        "watch",
        "patch");
    for (String role : Releases.ALL_ROLES) {
      installation.bind(
          NAMESPACE, "lead-" + role, "User", "lead", Chart.RELEASE + "-signoff-" + role);
    }
  }

  private static String key(String role) {
    return Signoff.ANNOTATION_PREFIX + role;
  }

  /** A fresh release with no annotations, named for the test. */
  private static String fresh(String name) {
    team.create(name, Releases.spec("1.0.0"));
    return name;
  }

  /** What the API server answered this person's annotation, or null when it allowed it. */
  private static String refusal(String user, String release, Map<String, String> annotations) {
    KubernetesClientException refused =
        catchThrowableOfType(
            KubernetesClientException.class, () -> team.annotateAs(user, release, annotations));
    return refused == null ? null : refused.getStatus().getMessage();
  }

  @Test
  void aReviewerSignsForTheirOwnRoleUnderTheirOwnNameOnly() {
    String release = fresh("own-role");
    assertThat(
            refusal(
                "security-owner",
                release,
                Map.of(key("security"), "version=1.0.0; by=security-owner")))
        .isNull();

    assertThat(
            refusal(
                "security-owner",
                release,
                Map.of(key("privacy"), "version=1.0.0; by=security-owner")))
        .contains("security-owner may not sign off for privacy")
        .contains("ClusterRole releasegate-signoff-privacy");
    assertThat(
            refusal(
                "security-owner",
                release,
                Map.of(key("security"), "version=1.0.0; by=privacy-owner")))
        .contains(key("security") + " must say by=security-owner");
    assertThat(refusal("stranger", release, Map.of(key("product"), "version=1.0.0; by=stranger")))
        .contains("stranger may not sign off for product");
    assertThat(
            refusal(
                "security-owner",
                release,
                Map.of(Signoff.ANNOTATION_PREFIX + "legal", "version=1.0.0; by=security-owner")))
        .contains("names no reviewer role");
  }

  @Test
  void onePersonHoldingEveryRoleSignsAndWithdrawsThemAllInOneRequest() {
    String release = fresh("all-roles");
    Map<String, String> all = new LinkedHashMap<>();
    Map<String, String> none = new HashMap<>();
    for (String role : Releases.ALL_ROLES) {
      all.put(key(role), "version=1.0.0; by=lead");
      none.put(key(role), null);
    }
    // Six authorizer checks in one request: one expression each, within the server's cost limit.
    assertThat(refusal("lead", release, all)).isNull();
    assertThat(team.release(release).get().getMetadata().getAnnotations())
        .containsAllEntriesOf(all);

    assertThat(refusal("lead", release, none)).isNull();
    assertThat(team.release(release).get().getMetadata().getAnnotations())
        .doesNotContainKeys(all.keySet().toArray(String[]::new));
  }

  @Test
  void aStrangerCannotWithdrawASignoffNorTouchTheKillSwitchAndOnCallCan() {
    String release = fresh("kill-switch");
    team.annotateAs(
        "privacy-owner", release, Map.of(key("privacy"), "version=1.0.0; by=privacy-owner"));
    Map<String, String> withdraw = new HashMap<>();
    withdraw.put(key("privacy"), null);
    assertThat(refusal("stranger", release, withdraw))
        .contains(
            "stranger may not withdraw the privacy sign-off (version=1.0.0; by=privacy-owner)");

    assertThat(refusal("stranger", release, Map.of(ReleaseAnnotations.KILL_SWITCH, "by=stranger")))
        .contains("stranger may not set releasegate.dev/kill-switch on kill-switch")
        .contains("releasegate-on-call");
    assertThat(
            refusal(
                "privacy-owner",
                release,
                Map.of(ReleaseAnnotations.KILL_SWITCH, "by=privacy-owner")))
        .as("a reviewer cannot pull the switch")
        .isNotNull();
    assertThat(
            refusal(
                "dana", release, Map.of(ReleaseAnnotations.KILL_SWITCH, "reason=errors; by=dana")))
        .isNull();
    assertThat(refusal("dana", release, Map.of(key("security"), "version=1.0.0; by=dana")))
        .as("on-call cannot sign")
        .contains("dana may not sign off for security");
  }

  /** Each act, who holds its verb in the team, and a value of it under their name. */
  private static final List<List<String>> ACTS =
      List.of(
          List.of(ReleaseAnnotations.KILL_SWITCH, "dana", "reason=errors; by=dana"),
          List.of(ReleaseAnnotations.PAUSE, "dana", "reason=looking; by=dana"),
          List.of(ReleaseAnnotations.PROMOTE, "mei", "version=1.0.0; step=1; by=mei"),
          List.of(ReleaseAnnotations.PAUSE, "mei", "by=mei"),
          List.of(ReleaseAnnotations.RETRY, "mei", "version=1.0.0; by=mei"),
          List.of(ReleaseAnnotations.FREEZE_EXCEPTION, "bruno", "version=1.0.0; by=bruno"));

  @Test
  void eachActIsTakenAndUndoneByWhoHoldsItsVerbUnderTheirOwnNameOnly() {
    String release = fresh("acts");
    for (List<String> act : ACTS) {
      String key = act.get(0);
      String user = act.get(1);
      String value = act.get(2);
      assertThat(refusal(user, release, Map.of(key, value.replace("by=" + user, "by=sam"))))
          .as("%s forged by %s", key, user)
          .contains("denied request: " + key + " must say by=" + user + ": ");
      assertThat(refusal(user, release, Map.of(key, value))).as("%s by %s", key, user).isNull();
      Map<String, String> cleared = new HashMap<>();
      cleared.put(key, null);
      assertThat(refusal("stranger", release, cleared))
          .as("%s cleared by a stranger", key)
          .contains("denied request: stranger may not clear " + key + " on acts");
      assertThat(refusal(user, release, cleared)).as("%s cleared by %s", key, user).isNull();
    }
  }

  @Test
  void onCallMayNotSkipAPauseRetryNorExceptAFreezeAndADriverMayNotPullTheSwitch() {
    String release = fresh("apart");
    assertThat(
            refusal(
                "dana",
                release,
                Map.of(ReleaseAnnotations.PROMOTE, "version=1.0.0; step=1; by=dana")))
        .contains(
            "dana may not set releasegate.dev/promote on apart (it skips the pause of a canary"
                + " step): that needs verb promote on promotions (releasegate.dev), as the"
                + " ClusterRole releasegate-release-driver grants.");
    assertThat(refusal("dana", release, Map.of(ReleaseAnnotations.RETRY, "version=1.0.0; by=dana")))
        .contains("releasegate-release-driver");
    assertThat(
            refusal(
                "dana",
                release,
                Map.of(ReleaseAnnotations.FREEZE_EXCEPTION, "version=1.0.0; by=dana")))
        .contains("as the ClusterRole releasegate-freeze-approver grants");
    assertThat(refusal("mei", release, Map.of(ReleaseAnnotations.KILL_SWITCH, "reason=x; by=mei")))
        .contains("mei may not set releasegate.dev/kill-switch on apart")
        .contains("as the ClusterRole releasegate-on-call grants");
  }

  @Test
  void aKillSwitchWithoutByIsRefusedWithACommandThatWorksWhenPasted() {
    String release = fresh("three-am");
    String refused =
        refusal("dana", release, Map.of(ReleaseAnnotations.KILL_SWITCH, "p99 latency 4s"));
    assertThat(refused)
        .contains("denied request: releasegate.dev/kill-switch must say by=dana")
        .endsWith(
            "Instead: kubectl annotate --overwrite -n admission mrel three-am"
                + " releasegate.dev/kill-switch=\"reason=p99 latency 4s; by=dana\"");

    Kubectl dana =
        new Kubectl(installation.plane.kubeconfig("dana"), installation.plane.workDir("dana"));
    dana.paste(refused.substring(refused.indexOf("Instead: ") + "Instead: ".length()))
        .assertSuccess();
    assertThat(team.release(release).get().getMetadata().getAnnotations())
        .containsEntry(ReleaseAnnotations.KILL_SWITCH, "reason=p99 latency 4s; by=dana");
  }

  @Test
  void aGitOpsServiceAccountAppliesAndReappliesButAReplaceThatDropsSignoffsIsExplained() {
    Kubectl gitops = gitOpsKubectl();
    ModelRelease manifest = new ModelRelease();
    manifest.getMetadata().setName("synced");
    manifest.getMetadata().setNamespace(NAMESPACE);
    manifest.setSpec(Releases.spec("1.0.0"));
    String file = gitops.file("synced.yaml", Serialization.asYaml(manifest)).toString();

    gitops
        .run("apply", "--server-side", "--field-manager=argocd-controller", "-f", file)
        .assertSuccess();
    team.annotateAs(
        "product-owner", "synced", Map.of(key("product"), "version=1.0.0; by=product-owner"));
    // The same manifest again, as every sync does: the sign-off, which git never held, stays.
    gitops
        .run("apply", "--server-side", "--field-manager=argocd-controller", "-f", file)
        .assertSuccess();
    assertThat(team.release("synced").get().getMetadata().getAnnotations())
        .containsEntry(key("product"), "version=1.0.0; by=product-owner");

    Kubectl.Result replaced = gitops.run("replace", "-f", file);
    assertThat(replaced.exitCode()).isNotZero();
    assertThat(replaced.stderr())
        .contains("may not withdraw the product sign-off")
        .contains("kubectl replace, Argo CD Replace=true")
        .contains("server-side apply");
    assertThatCode(() -> team.release("synced").get()).doesNotThrowAnyException();
    assertThat(team.release("synced").get().getMetadata().getAnnotations())
        .containsKey(key("product"));
  }

  @Test
  void theSignCommandInStatusWorksWhenPastedForANewVersionOfASignedRelease() {
    team.promoted("pasted", Releases.spec("1.0.0"));
    team.setSpec("pasted", Releases.spec("1.1.0"));
    String message = team.awaitPhase("pasted", Phase.AwaitingGates).getStatus().getMessage();
    Matcher printed = Pattern.compile("(?m)^  security: kubectl (.+)$").matcher(message);
    assertThat(printed.find()).as("the security owner's sign command in: %s", message).isTrue();

    // As the security owner pastes their line into bash, with a kubeconfig whose namespace is not
    // the team's: the shell asks the API server who they are for by=.
    Kubectl securityOwner =
        new Kubectl(
            installation.plane.kubeconfig("security-owner"),
            installation.plane.workDir("security-owner"));
    securityOwner.paste("kubectl " + printed.group(1)).assertSuccess();

    // The printed command names the packet digest status shows, so the sign-off approves it.
    String digest = team.release("pasted").get().getStatus().getPacketDigest().shortDigest();
    assertThat(team.release("pasted").get().getMetadata().getAnnotations())
        .containsEntry(key("security"), "version=1.1.0; digest=" + digest + "; by=security-owner");
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(team.release("pasted").get().getStatus().getGates())
                    .filteredOn(g -> g.name().equals("signoffs-before-traffic"))
                    .singleElement()
                    .satisfies(
                        g -> assertThat(g.missing()).noneMatch(m -> m.startsWith("security"))));
  }

  /** kubectl as a GitOps tool's ServiceAccount, allowed to manage ModelReleases in the team. */
  private static Kubectl gitOpsKubectl() {
    var client = installation.client;
    client
        .serviceAccounts()
        .inNamespace(NAMESPACE)
        .resource(
            new ServiceAccountBuilder().withNewMetadata().withName("gitops").endMetadata().build())
        .create();
    installation.grantOnReleases(
        NAMESPACE,
        "gitops",
        new SubjectBuilder()
            .withKind("ServiceAccount")
            .withName("gitops")
            .withNamespace(NAMESPACE)
            .build(),
        "get",
        "list",
        "watch",
        "create",
        "update",
        "patch");
    String token = installation.token(NAMESPACE, "gitops");
    return new Kubectl(
        installation.plane.kubeconfigWithToken("gitops", token),
        installation.plane.workDir("gitops"));
  }
}
