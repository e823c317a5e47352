package dev.releasegate.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.cel.AdmissionPolicy.Request;
import dev.releasegate.cel.AdmissionPolicy.Verdict;
import dev.releasegate.cel.FakeAuthorizer.Grant;
import dev.releasegate.chart.Chart;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chart's admission policy, evaluated with cel-java against the requests the issue lists: who
 * may sign off, under which name, who may withdraw a sign-off, and who may pull the kill switch.
 */
class AdmissionPolicyTest {
  private static final String SECURITY = "signoff.releasegate.dev/security";
  private static final String KILL_SWITCH = "releasegate.dev/kill-switch";

  private static final AdmissionPolicy POLICY =
      new AdmissionPolicy(
          Chart.only(Chart.render(""), ValidatingAdmissionPolicy.class, "releasegate-signoffs"));

  /** What the ClusterRole releasegate-signoff-<role> grants. */
  private static Grant signer(String role) {
    return new Grant("releasegate.dev", "signoffs", "approve", null, role);
  }

  /** What the ClusterRole releasegate-on-call grants. */
  private static final Grant ON_CALL =
      new Grant("releasegate.dev", "killswitches", "use", null, null);

  private static final FakeAuthorizer SAM_THE_SECURITY_REVIEWER =
      new FakeAuthorizer(List.of(signer("security")));

  private static Map<String, Object> release(Map<String, String> annotations) {
    Map<String, Object> metadata = new HashMap<>();
    metadata.put("name", "assistant");
    metadata.put("namespace", "ml");
    if (!annotations.isEmpty()) {
      metadata.put("annotations", annotations);
    }
    return Map.of(
        "apiVersion",
        "releasegate.dev/v1alpha1",
        "kind",
        "ModelRelease",
        "metadata",
        metadata,
        "spec",
        Map.of("model", Map.of("version", "1.2.0"), "replicas", 4));
  }

  private static Verdict update(
      String user, FakeAuthorizer rights, Map<String, String> before, Map<String, String> after) {
    return POLICY.admit(new Request(user, release(after), release(before), rights));
  }

  @Test
  void anAuthorizedReviewerSignsUnderTheirOwnName() {
    Verdict verdict =
        update(
            "sam", SAM_THE_SECURITY_REVIEWER, Map.of(), Map.of(SECURITY, "version=1.2.0; by=sam"));

    assertThat(verdict.denials()).isEmpty();
  }

  @Test
  void aSignoffNamingThePacketDigestIsAllowedAndARefusalKeepsTheDigest() {
    String value = "version=1.2.0; digest=sha256:ab12cd34ef56; by=sam";
    assertThat(
            update("sam", SAM_THE_SECURITY_REVIEWER, Map.of(), Map.of(SECURITY, value)).denials())
        .isEmpty();

    assertThat(
            update(
                    "sam",
                    SAM_THE_SECURITY_REVIEWER,
                    Map.of(),
                    Map.of(SECURITY, "version=1.2.0; digest=sha256:ab12cd34ef56; by=pat"))
                .denials())
        .singleElement()
        .asString()
        .contains(SECURITY + "=\"" + value + "\"");
  }

  @Test
  void aReviewerMaySignOnCreateToo() {
    Verdict verdict =
        POLICY.admit(
            new Request(
                "sam",
                release(Map.of(SECURITY, "version=1.2.0; by=sam")),
                null,
                SAM_THE_SECURITY_REVIEWER));

    assertThat(verdict.allowed()).isTrue();
  }

  @Test
  void someoneNotAuthorizedForTheRoleCannotSign() {
    Verdict verdict =
        update(
            "mallory",
            FakeAuthorizer.nobody(),
            Map.of(),
            Map.of(SECURITY, "version=1.2.0; by=mallory"));

    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.denials())
        .singleElement()
        .asString()
        .contains(
            "mallory may not sign off",
            "for security",
            "approve on signoffs",
            "releasegate-signoff-security");
  }

  @Test
  void aReviewerCannotSignForAnotherRole() {
    Verdict verdict =
        update(
            "sam",
            SAM_THE_SECURITY_REVIEWER,
            Map.of(),
            Map.of("signoff.releasegate.dev/privacy", "version=1.2.0; by=sam"));

    assertThat(verdict.denials()).singleElement().asString().contains("for privacy");
  }

  @Test
  void aForgedSignerIsRefusedEvenForAnAuthorizedReviewer() {
    assertThat(
            update(
                    "sam",
                    SAM_THE_SECURITY_REVIEWER,
                    Map.of(),
                    Map.of(SECURITY, "version=1.2.0; by=pat"))
                .denials())
        .singleElement()
        .asString()
        .contains(SECURITY + " must say by=sam");
    // The operator reads the last by=; one of them being the requester is not enough.
    assertThat(
            update(
                    "sam",
                    SAM_THE_SECURITY_REVIEWER,
                    Map.of(),
                    Map.of(SECURITY, "version=1.2.0; by=sam; by=pat"))
                .allowed())
        .isFalse();
    assertThat(
            update("sam", SAM_THE_SECURITY_REVIEWER, Map.of(), Map.of(SECURITY, "version=1.2.0"))
                .allowed())
        .as("a sign-off without a signer")
        .isFalse();
  }

  @Test
  void theSignerIsReadAsTheOperatorReadsIt() {
    // Keys are case-insensitive and spaces around them do not matter, as in Signoff.parse.
    assertThat(
            update(
                    "sam",
                    SAM_THE_SECURITY_REVIEWER,
                    Map.of(),
                    Map.of(SECURITY, "version=1.2.0;  By = sam "))
                .allowed())
        .isTrue();
    assertThat(
            update(
                    "system:serviceaccount:ci:release-bot",
                    new FakeAuthorizer(List.of(signer("security"))),
                    Map.of(),
                    Map.of(SECURITY, "version=1.2.0; by=system:serviceaccount:ci:release-bot"))
                .allowed())
        .isTrue();
  }

  @Test
  void changingAnExistingSignoffIsSigningAgain() {
    Map<String, String> signed = Map.of(SECURITY, "version=1.1.0; by=sam");

    assertThat(
            update(
                    "sam",
                    SAM_THE_SECURITY_REVIEWER,
                    signed,
                    Map.of(SECURITY, "version=1.2.0; by=sam"))
                .allowed())
        .isTrue();
    assertThat(
            update(
                    "pat",
                    FakeAuthorizer.nobody(),
                    signed,
                    Map.of(SECURITY, "version=1.2.0; by=sam"))
                .allowed())
        .as("re-using sam's name for a new version")
        .isFalse();
  }

  @Test
  void aReviewerMayWithdrawASignoffForTheirRoleAndAStrangerMayNot() {
    Map<String, String> signed = Map.of(SECURITY, "version=1.2.0; by=sam");

    assertThat(update("sam", SAM_THE_SECURITY_REVIEWER, signed, Map.of()).allowed()).isTrue();
    Verdict stranger = update("mallory", FakeAuthorizer.nobody(), signed, Map.of());
    assertThat(stranger.denials()).singleElement().asString().contains("withdraw", "security");
  }

  @Test
  void anUnrelatedEditNeedsNoReviewerRights() {
    Map<String, String> signed = Map.of(SECURITY, "version=1.2.0; by=sam", KILL_SWITCH, "true");
    Map<String, String> labelled = new HashMap<>(signed);
    labelled.put("team.example.com/owner", "ml-platform");

    assertThat(update("ci-bot", FakeAuthorizer.nobody(), signed, labelled).allowed()).isTrue();
    assertThat(update("ci-bot", FakeAuthorizer.nobody(), signed, signed).allowed())
        .as("a spec change (re-applied manifest) leaves the annotations alone")
        .isTrue();
  }

  @Test
  void onCallMaySetAndClearTheKillSwitch() {
    FakeAuthorizer onCall = new FakeAuthorizer(List.of(ON_CALL));

    assertThat(
            update("dana", onCall, Map.of(), Map.of(KILL_SWITCH, "reason=p99 4s; by=dana"))
                .allowed())
        .isTrue();
    assertThat(update("dana", onCall, Map.of(KILL_SWITCH, "true"), Map.of()).allowed()).isTrue();
  }

  @Test
  void aStrangerCannotSetChangeOrClearTheKillSwitch() {
    assertThat(
            update(
                    "mallory",
                    FakeAuthorizer.nobody(),
                    Map.of(),
                    Map.of(KILL_SWITCH, "reason=x; by=mallory"))
                .denials())
        .singleElement()
        .asString()
        .contains(
            "mallory may not set releasegate.dev/kill-switch on assistant (it rolls back now;",
            "verb use on killswitches (releasegate.dev), as the ClusterRole releasegate-on-call"
                + " grants.");
    assertThat(
            update("mallory", FakeAuthorizer.nobody(), Map.of(KILL_SWITCH, "true"), Map.of())
                .denials())
        .singleElement()
        .asString()
        .contains("mallory may not clear releasegate.dev/kill-switch");
    assertThat(
            update(
                    "mallory",
                    FakeAuthorizer.nobody(),
                    Map.of(KILL_SWITCH, "true"),
                    Map.of(KILL_SWITCH, "false; by=mallory"))
                .denials())
        .singleElement()
        .asString()
        .contains("mallory may not change releasegate.dev/kill-switch");
    assertThat(
            update("mallory", FakeAuthorizer.nobody(), Map.of(), Map.of(KILL_SWITCH, "")).allowed())
        .as("an empty value pulls the switch too")
        .isFalse();
  }

  @Test
  void onCallCannotSignAndASignerCannotPullTheKillSwitch() {
    FakeAuthorizer onCall = new FakeAuthorizer(List.of(ON_CALL));

    assertThat(
            update("dana", onCall, Map.of(), Map.of(SECURITY, "version=1.2.0; by=dana")).allowed())
        .isFalse();
    assertThat(
            update("sam", SAM_THE_SECURITY_REVIEWER, Map.of(), Map.of(KILL_SWITCH, "true"))
                .allowed())
        .isFalse();
  }

  @Test
  void aRoleBindingInOneNamespaceDoesNotReachAnother() {
    FakeAuthorizer inOtherTeam =
        new FakeAuthorizer(
            List.of(new Grant("releasegate.dev", "signoffs", "approve", "other-team", "security")));

    assertThat(
            update("sam", inOtherTeam, Map.of(), Map.of(SECURITY, "version=1.2.0; by=sam"))
                .allowed())
        .isFalse();
  }
}
