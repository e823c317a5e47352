package dev.releasegate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.AnalysisMetric;
import dev.releasegate.api.v1alpha1.AnalysisSpec;
import dev.releasegate.api.v1alpha1.CanarySpec;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.GatewayApiRouting;
import dev.releasegate.api.v1alpha1.KServeRouting;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.ModelSpec;
import dev.releasegate.api.v1alpha1.Owner;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.ReplicaRouting;
import dev.releasegate.api.v1alpha1.TrafficRouting;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A spec that cannot be acted on is reported field by field and disturbs nothing that serves. */
class InvalidSpecTest {

  private static ModelReleaseSpec withSteps(CanaryStep... steps) {
    return Releases.spec("1.1.0", List.of(steps));
  }

  private static List<FieldError> check(ModelReleaseSpec spec) {
    return SpecCheck.check(spec);
  }

  @Test
  void aReleaseNameThatCannotNameItsServiceIsInvalidAndNothingIsDeployed() {
    LifecycleWalk walk = LifecycleWalk.of("1.0.0");
    walk.release.getMetadata().setName("claims.agent");
    walk.signAll("1.0.0");
    Decision decision = walk.settle();

    assertThat(walk.phase()).isEqualTo(dev.releasegate.api.v1alpha1.Phase.Invalid);
    assertThat(walk.release.getStatus().getMessage())
        .startsWith("metadata.name: 'claims.agent' is not a DNS-1035 label");
    assertThat(decision.traffic()).isEmpty();
  }

  @Test
  void weightsMustRiseStrictlyWithinOneToHundred() {
    assertThat(check(withSteps(new CanaryStep(50, "1m"), new CanaryStep(20, null))))
        .containsExactly(
            new FieldError(
                "spec.canary.steps[1].weight", "20 does not rise above the previous step's 50"));
    assertThat(check(withSteps(new CanaryStep(0, "1m"), new CanaryStep(101, null))))
        .extracting(FieldError::field)
        .containsExactly("spec.canary.steps[0].weight", "spec.canary.steps[1].weight");
  }

  @Test
  void analysisSettingsThatCannotBeActedOnAreNamed() {
    AnalysisMetric nonsense =
        new AnalysisMetric(
            "unsafe-output-rate",
            "grafana",
            null,
            null,
            null,
            null,
            -1,
            -2,
            "ignore",
            "panic",
            "always",
            "1ms");
    AnalysisMetric noQuery =
        new AnalysisMetric("drift", null, " ", null, null, 0.9, 0, null, null, null, null, null);
    AnalysisMetric noUrl =
        new AnalysisMetric(
            "errors", "http", null, null, 0.1, null, 0, null, null, null, null, null);
    ModelReleaseSpec spec =
        Releases.with(
            Releases.spec("1.1.0"),
            "analysis",
            new AnalysisSpec("0.5ms", null, List.of(nonsense, noQuery, noUrl)));

    assertThat(check(spec))
        .extracting(FieldError::toString)
        .containsExactly(
            "spec.analysis.interval: '0.5ms' is shorter than 1s: each measurement is a query and a"
                + " status write",
            "spec.analysis.metrics[0].provider: 'grafana' is not one of prometheus, http",
            "spec.analysis.metrics[0]: needs max or min: without a threshold every measurement"
                + " would pass",
            "spec.analysis.metrics[0].failureLimit: -1 is below 0",
            "spec.analysis.metrics[0].consecutiveErrorLimit: -2 is below 0",
            "spec.analysis.metrics[0].onNoData: 'ignore' is not one of hold, fail, pass",
            "spec.analysis.metrics[0].onError: 'panic' is not one of hold, rollback",
            "spec.analysis.metrics[0].during: 'always' is not one of canary, observation, both",
            "spec.analysis.metrics[0].interval: '1ms' is shorter than 1s: each measurement is a"
                + " query and a status write",
            "spec.analysis.metrics[1].query: is required",
            "spec.analysis.metrics[2].http.url: is required for provider http");
  }

  @Test
  void aSoundAnalysisHasNothingToName() {
    AnalysisMetric unsafe =
        new AnalysisMetric(
            "unsafe-output-rate",
            null,
            "max(x)",
            null,
            0.02,
            null,
            0,
            3,
            "fail",
            "rollback",
            "both",
            "30s");
    assertThat(
            check(
                Releases.with(
                    Releases.spec("1.1.0"),
                    "analysis",
                    new AnalysisSpec("1s", null, List.of(unsafe)))))
        .isEmpty();
  }

  @Test
  void pausesMustBeDurations() {
    assertThat(check(withSteps(new CanaryStep(10, "ten minutes"), new CanaryStep(100, null))))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("spec.canary.steps[0].pause");
              assertThat(e.problem()).contains("'ten minutes'");
            });
  }

  @Test
  void aModelNeedsAnImageAndALabelSafeVersion() {
    ModelReleaseSpec base = Releases.spec("1.1.0");
    ModelReleaseSpec noImage = copyWithModel(base, new ModelSpec("assistant", "1.1.0", " ", null));
    ModelReleaseSpec badVersion =
        copyWithModel(base, new ModelSpec("assistant", "1.1.0 beta", "img", null));

    assertThat(check(noImage))
        .extracting(FieldError::toString)
        .containsExactly("spec.model.image: is required");
    assertThat(check(badVersion))
        .extracting(FieldError::field)
        .containsExactly("spec.model.version");
  }

  @Test
  void ownersNeedKnownRolesOnceEach() {
    ModelReleaseSpec base = Releases.spec("1.1.0");
    List<Owner> owners = new ArrayList<>(base.owners());
    owners.add(new Owner("secruity", "sam", "sam@example.com"));
    owners.add(new Owner("product", "pat", "pat@example.com"));

    assertThat(check(copyWithOwners(base, owners)))
        .extracting(FieldError::toString)
        .containsExactly(
            "spec.owners[6].role: 'secruity' is not one of product, mlops, security, privacy, business, support",
            "spec.owners[7].role: 'product' is named twice; one owner per role");
  }

  @Test
  void unknownSystemTypeAndRiskTierAreNamed() {
    ModelReleaseSpec base = Releases.spec("1.1.0");
    ModelReleaseSpec spec =
        Releases.with(
            Releases.with(Releases.with(base, "systemType", "Chatbot"), "riskTier", "medium"),
            "replicas",
            0);
    assertThat(check(spec))
        .extracting(FieldError::field)
        .containsExactly("spec.systemType", "spec.riskTier", "spec.replicas");
  }

  @Test
  void anInvalidSpecMidCanaryIsAnIncidentTheCandidateLosesItsTraffic() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");
    walk.advance(Duration.ofMinutes(10));
    walk.settle();
    assertThat(walk.traffic.effectiveWeight()).isEqualTo(50);

    walk.apply(withSteps(new CanaryStep(50, "1m"), new CanaryStep(20, null)));
    Decision decision = walk.reconcile();

    assertThat(decision.status().getPhase()).isEqualTo(Phase.Invalid);
    assertThat(decision.traffic())
        .get()
        .satisfies(
            t -> {
              assertThat(t.stable().version()).isEqualTo("1.0.0");
              assertThat(t.candidate().version()).isEqualTo("1.1.0");
              assertThat(t.candidateWeight()).isZero();
              assertThat(t.rollback()).isTrue();
            });
    assertThat(decision.status().getStable().version()).isEqualTo("1.0.0");
    assertThat(decision.status().getMessage())
        .contains("spec.canary.steps[1].weight")
        .contains("1.1.0 gets no traffic at step 2/3 until the spec is fixed")
        .contains("1.0.0 serves everything");
    assertThat(decision.status().getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.type()).isEqualTo("Stalled");
              assertThat(c.status()).isEqualTo("True");
              assertThat(c.reason()).isEqualTo("InvalidSpec");
            });
    assertThat(decision.events()).extracting(ReleaseEvent::reason).containsExactly("InvalidSpec");
    walk.settle();
    assertThat(walk.traffic.effectiveWeight()).isZero();
  }

  @Test
  void anInvalidSpecBeforeAnyTrafficLeavesTrafficExactlyAsItIs() {
    LifecycleWalk walk = LifecycleWalk.promotedThenNewVersion("1.0.0", "1.1.0");
    walk.settle();
    TrafficState before = walk.traffic;

    walk.apply(withSteps(new CanaryStep(50, "1m"), new CanaryStep(20, null)));
    Decision decision = walk.reconcile();

    assertThat(decision.status().getPhase()).isEqualTo(Phase.Invalid);
    assertThat(decision.traffic()).isEmpty();
    assertThat(walk.traffic).isEqualTo(before);
    assertThat(decision.status().getMessage())
        .contains("The serving version 1.0.0 is left as it is");
  }

  @Test
  void fixingTheSpecStartsTheStepTheCanaryWasAtAgain() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");
    walk.apply(withSteps(new CanaryStep(50, "1m"), new CanaryStep(20, null)));
    walk.settle();
    assertThat(walk.eventReasons()).containsOnlyOnce("InvalidSpec");

    walk.apply(Releases.spec("1.1.0"));
    walk.settle();
    assertThat(walk.canary().step()).isEqualTo(1);
    assertThat(walk.traffic.effectiveWeight()).as("step 1 in force again").isEqualTo(25);
    Instant restarted = walk.canary().stepStartedAt();

    walk.advance(Duration.ofMinutes(10));
    walk.settle();

    assertThat(restarted).isEqualTo(walk.now.minus(Duration.ofMinutes(10)));
    assertThat(walk.phase()).isEqualTo(Phase.Progressing);
    assertThat(walk.canary().step()).isEqualTo(2);
  }

  private static ModelReleaseSpec copyWithModel(ModelReleaseSpec s, ModelSpec model) {
    return Releases.with(s, "model", model);
  }

  private static ModelReleaseSpec copyWithOwners(ModelReleaseSpec s, List<Owner> owners) {
    return Releases.with(s, "owners", owners);
  }

  @Test
  void aReleaseNamesOneRouterAndWhatItRoutesThrough() {
    ModelReleaseSpec base = Releases.spec("1.1.0");
    ModelReleaseSpec twoRouters =
        Releases.with(
            base,
            "canary",
            new CanarySpec(
                base.canary().steps(),
                new TrafficRouting(
                    new ReplicaRouting(),
                    new GatewayApiRouting("chat", null, null),
                    new KServeRouting(" "))));

    assertThat(check(twoRouters))
        .extracting(FieldError::toString)
        .containsExactly(
            "spec.canary.trafficRouting: names replicas and gatewayAPI and kserve; set one router",
            "spec.canary.trafficRouting.kserve.inferenceService: is required");
  }
}
