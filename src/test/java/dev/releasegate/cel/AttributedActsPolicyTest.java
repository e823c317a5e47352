package dev.releasegate.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.cel.AdmissionPolicy.Request;
import dev.releasegate.cel.AdmissionPolicy.Verdict;
import dev.releasegate.cel.FakeAuthorizer.Grant;
import dev.releasegate.chart.Chart;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admission policy's rules for the acts people take on a release (kill switch, promote, pause,
 * retry, freeze exception), with cel-java: each needs its own verb and a by= naming the requester.
 * The rights come from the chart's own ClusterRoles, as RBAC would grant them to someone bound to
 * them, so a role that grants too much or too little fails here.
 */
class AttributedActsPolicyTest {
  private static final String KILL_SWITCH = "releasegate.dev/kill-switch";
  private static final String PROMOTE = "releasegate.dev/promote";
  private static final String PAUSE = "releasegate.dev/pause";
  private static final String RETRY = "releasegate.dev/retry";
  private static final String FREEZE_EXCEPTION = "releasegate.dev/freeze-exception";

  private static final List<HasMetadata> CHART = Chart.render("");
  private static final AdmissionPolicy POLICY =
      new AdmissionPolicy(
          Chart.only(CHART, ValidatingAdmissionPolicy.class, "releasegate-signoffs"));

  /** Someone bound to these ClusterRoles of the chart, in every namespace. */
  private static FakeAuthorizer holding(String... clusterRoles) {
    List<Grant> grants = new ArrayList<>();
    for (String name : clusterRoles) {
      for (var rule : Chart.only(CHART, ClusterRole.class, name).getRules()) {
        for (String group : rule.getApiGroups()) {
          for (String resource : rule.getResources()) {
            for (String verb : rule.getVerbs()) {
              if (rule.getResourceNames().isEmpty()) {
                grants.add(new Grant(group, resource, verb, null, null));
              }
              rule.getResourceNames()
                  .forEach(only -> grants.add(new Grant(group, resource, verb, null, only)));
            }
          }
        }
      }
    }
    return new FakeAuthorizer(grants);
  }

  private static final FakeAuthorizer ON_CALL = holding("releasegate-on-call");
  private static final FakeAuthorizer DRIVER = holding("releasegate-release-driver");
  private static final FakeAuthorizer FREEZE_APPROVER = holding("releasegate-freeze-approver");

  private static Map<String, Object> release(Map<String, String> annotations) {
    Map<String, Object> metadata = new HashMap<>();
    metadata.put("name", "assistant");
    metadata.put("namespace", "ml");
    if (!annotations.isEmpty()) {
      metadata.put("annotations", annotations);
    }
    return Map.of(
        "apiVersion", "releasegate.dev/v1alpha1", "kind", "ModelRelease", "metadata", metadata);
  }

  private static Verdict update(
      String user, FakeAuthorizer rights, Map<String, String> before, Map<String, String> after) {
    return POLICY.admit(new Request(user, release(after), release(before), rights));
  }

  /** Each act, a value for it under {@code by=dana}, and who is granted it. */
  static Stream<Arguments> acts() {
    return Stream.of(
        Arguments.of(KILL_SWITCH, "reason=p99 4s; by=dana", ON_CALL, "releasegate-on-call"),
        Arguments.of(PAUSE, "reason=looking; by=dana", ON_CALL, "releasegate-on-call"),
        Arguments.of(
            PROMOTE, "version=1.2.0; step=1; by=dana", DRIVER, "releasegate-release-driver"),
        Arguments.of(PAUSE, "by=dana", DRIVER, "releasegate-release-driver"),
        Arguments.of(RETRY, "version=1.2.0; by=dana", DRIVER, "releasegate-release-driver"),
        Arguments.of(
            FREEZE_EXCEPTION,
            "version=1.2.0; by=dana",
            FREEZE_APPROVER,
            "releasegate-freeze-approver"));
  }

  @ParameterizedTest(name = "{0} by {3}")
  @MethodSource("acts")
  void whoHoldsTheVerbSetsChangesAndClearsUnderTheirOwnName(
      String key, String value, FakeAuthorizer rights, String clusterRole) {
    assertThat(update("dana", rights, Map.of(), Map.of(key, value)).denials()).isEmpty();
    assertThat(
            update("dana", rights, Map.of(key, value), Map.of(key, value + "; attempt=2"))
                .denials())
        .isEmpty();
    assertThat(update("dana", rights, Map.of(key, value), Map.of()).denials()).isEmpty();
    assertThat(update("dana", rights, Map.of(key, "true"), Map.of(key, "false; by=dana")).denials())
        .isEmpty();
  }

  @ParameterizedTest(name = "{0} by {3}")
  @MethodSource("acts")
  void someoneWithoutTheVerbMayNotSetNorClearAndIsToldWhichRoleGrantsIt(
      String key, String value, FakeAuthorizer rights, String clusterRole) {
    String mallorys = value.replace("by=dana", "by=mallory");
    assertThat(
            update("mallory", FakeAuthorizer.nobody(), Map.of(), Map.of(key, mallorys)).denials())
        .singleElement()
        .asString()
        .startsWith("mallory may not set " + key + " on assistant (it ")
        .contains("as the ClusterRole", clusterRole);
    assertThat(update("mallory", FakeAuthorizer.nobody(), Map.of(key, value), Map.of()).denials())
        .singleElement()
        .asString()
        .startsWith("mallory may not clear " + key + " on assistant")
        .as("removing all annotations is what a replacing sync does")
        .contains("kubectl replace");
  }

  @ParameterizedTest(name = "{0} by {3}")
  @MethodSource("acts")
  void aForgedOrMissingByIsRefusedEvenForWhoHoldsTheVerb(
      String key, String value, FakeAuthorizer rights, String clusterRole) {
    String forged = value.replace("by=dana", "by=sam");
    assertThat(update("dana", rights, Map.of(), Map.of(key, forged)).denials())
        .singleElement()
        .asString()
        .startsWith(key + " must say by=dana: ")
        .contains(
            "Instead: kubectl annotate --overwrite -n ml mrel assistant "
                + key
                + "=\""
                + value
                + "\"");
    assertThat(update("dana", rights, Map.of(), Map.of(key, value + "; by=sam")).allowed())
        .as("every by= must be the requester")
        .isFalse();
    String unnamed = value.replace("; by=dana", "").replace("by=dana", "");
    assertThat(update("dana", rights, Map.of(), Map.of(key, unnamed)).allowed())
        .as("a value that names no one: %s", unnamed)
        .isFalse();
  }

  @Test
  void onCallMayRollBackAndHoldButNotSkipAPauseRetryNorExceptAFreeze() {
    assertThat(
            update("dana", ON_CALL, Map.of(), Map.of(PROMOTE, "version=1.2.0; step=1; by=dana"))
                .denials())
        .singleElement()
        .asString()
        .contains(
            "dana may not set releasegate.dev/promote on assistant (it skips the pause of a canary"
                + " step): that needs verb promote on promotions (releasegate.dev), as the"
                + " ClusterRole releasegate-release-driver grants.");
    assertThat(update("dana", ON_CALL, Map.of(), Map.of(RETRY, "version=1.2.0; by=dana")).allowed())
        .isFalse();
    assertThat(
            update("dana", ON_CALL, Map.of(), Map.of(FREEZE_EXCEPTION, "version=1.2.0; by=dana"))
                .allowed())
        .isFalse();
  }

  @Test
  void aDriverMayNotPullTheKillSwitchNorExceptAFreeze() {
    assertThat(update("sam", DRIVER, Map.of(), Map.of(KILL_SWITCH, "reason=x; by=sam")).allowed())
        .isFalse();
    assertThat(
            update("sam", DRIVER, Map.of(), Map.of(FREEZE_EXCEPTION, "version=1.2.0; by=sam"))
                .allowed())
        .isFalse();
  }

  @Test
  void aKillSwitchWithoutByTellsOnCallWhatToTypeInstead() {
    assertThat(update("dana", ON_CALL, Map.of(), Map.of(KILL_SWITCH, "p99 latency 4s")).denials())
        .singleElement()
        .asString()
        .isEqualTo(
            "releasegate.dev/kill-switch must say by=dana: a sign-off or request names the person"
                + " who writes it, and only they can write it. Instead: kubectl annotate"
                + " --overwrite -n ml mrel assistant"
                + " releasegate.dev/kill-switch=\"reason=p99 latency 4s; by=dana\"");
    for (String bare : List.of("true", "", "errors \"5xx\" $RATE")) {
      assertThat(update("dana", ON_CALL, Map.of(), Map.of(KILL_SWITCH, bare)).denials())
          .as(bare)
          .singleElement()
          .asString()
          .endsWith("releasegate.dev/kill-switch=\"reason=<what happened>; by=dana\"");
    }
    assertThat(update("dana", ON_CALL, Map.of(), Map.of(KILL_SWITCH, "false")).denials())
        .singleElement()
        .asString()
        .endsWith("releasegate.dev/kill-switch=\"false; by=dana\"");
  }

  @Test
  void aBareVersionIsRewrittenAsTheVersionItNames() {
    assertThat(update("sam", DRIVER, Map.of(), Map.of(RETRY, "1.2.0")).denials())
        .singleElement()
        .asString()
        .endsWith("releasegate.dev/retry=\"version=1.2.0; by=sam\"");
    assertThat(update("sam", DRIVER, Map.of(), Map.of(PAUSE, "true")).denials())
        .singleElement()
        .asString()
        .endsWith("releasegate.dev/pause=\"by=sam\"");
  }

  @Test
  void everyForgedValueOfOneRequestIsNamedWithItsCommand() {
    Map<String, String> both = new HashMap<>();
    both.put(PROMOTE, "version=1.2.0; step=2; by=pat");
    both.put(RETRY, "version=1.2.0");
    String denial =
        update("sam", DRIVER, Map.of(), both).denials().stream()
            .filter(d -> d.contains("must say"))
            .findFirst()
            .orElseThrow();

    assertThat(denial)
        .contains(PROMOTE + "=\"version=1.2.0; step=2; by=sam\"")
        .contains(RETRY + "=\"version=1.2.0; by=sam\"");
  }
}
