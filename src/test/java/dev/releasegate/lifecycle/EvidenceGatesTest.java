package dev.releasegate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.ConfigMapKey;
import dev.releasegate.api.v1alpha1.EvaluationSpec;
import dev.releasegate.api.v1alpha1.MetricTolerance;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.Tradeoff;
import dev.releasegate.gate.Evidence;
import dev.releasegate.gate.EvidenceDocument;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The release packet's gates inside the lifecycle: if the evidence is missing, the answer is no.
 */
class EvidenceGatesTest {

  @Test
  void missingEvidenceKeepsEveryVersionFromTrafficWhateverTheSignoffs() {
    LifecycleWalk walk = LifecycleWalk.of("1.0.0");
    var documents = new HashMap<>(walk.evidence().documents());
    ConfigMapKey runbook = new ConfigMapKey(Releases.EVIDENCE, "runbook");
    documents.put(
        runbook,
        EvidenceDocument.unreadable(runbook, "ConfigMap assistant-evidence has no key runbook"));
    walk.evidence = new Evidence(documents);
    walk.signAll("1.0.0");

    Decision decision = walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.AwaitingGates);
    assertThat(decision.traffic().orElseThrow().candidateWeight()).isZero();
    assertThat(decision.status().getMessage()).contains("runbook");
    assertThat(decision.status().getGateSummary()).isEqualTo("5/6");
  }

  @Test
  void aRegressionBeyondToleranceBlocksTheCanaryUntilATradeoffIsDocumented() {
    LifecycleWalk walk = LifecycleWalk.promotedThenNewVersion("1.0.0", "1.1.0");
    walk.accuracy = 0.88;
    walk.signAll("1.1.0");

    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.AwaitingGates);
    assertThat(walk.release.getStatus().getMessage()).contains("accuracy");

    ModelReleaseSpec spec = walk.release.getSpec();
    walk.apply(
        Releases.with(
            spec,
            "evaluation",
            new EvaluationSpec(
                null,
                List.of(new MetricTolerance("accuracy", "higherIsBetter", 0.01)),
                List.of(
                    new Tradeoff(
                        "accuracy",
                        "three points of accuracy for half the latency; product agreed")))));
    walk.settle();
    assertThat(walk.phase())
        .as("the tradeoff is part of what was signed")
        .isNotEqualTo(Phase.Progressing);
    assertThat(walk.release.getStatus().getMessage()).contains("evaluation changed");

    walk.signAll("1.1.0");
    walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.Progressing);
  }

  @Test
  void theApprovedVersionsEvaluationIsKeptAsTheNextBaseline() {
    LifecycleWalk walk = LifecycleWalk.of("1.0.0");
    walk.signAll("1.0.0");
    walk.settle();

    var approved = walk.release.getStatus().getHistory().get(0);
    assertThat(approved.evaluation().evalSetId()).isEqualTo("assistant-v1");
    assertThat(approved.evaluation().metrics()).containsEntry("accuracy", 0.91);
  }

  @Test
  void promotionKeepsAPacketRecordOfWhoSignedWhatEvidenceAndHowItCompared() {
    LifecycleWalk walk = LifecycleWalk.promotedThenNewVersion("1.0.0", "1.1.0");
    walk.apply(Releases.spec("1.1.0", List.of(new CanaryStep(100, null))));
    walk.accuracy = 0.92;
    walk.signAll("1.1.0");

    walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
    var records = walk.packetRecords;
    assertThat(records).hasSize(2);
    PacketRecord record = records.get(1);
    assertThat(record.name())
        .isEqualTo(dev.releasegate.api.ObjectNames.packetRecord("assistant", "1.1.0"));
    assertThat(record.model().version()).isEqualTo("1.1.0");
    assertThat(record.signoffs())
        .extracting(s -> s.role() + "=" + s.by())
        .contains("security=security-owner", "business=business-owner");
    assertThat(record.signoffs()).allSatisfy(s -> assertThat(s.version()).isEqualTo("1.1.0"));
    assertThat(record.artifacts()).hasSize(11).allSatisfy(a -> assertThat(a.sha256()).hasSize(64));
    assertThat(record.evaluationBaseline()).isEqualTo("1.0.0");
    assertThat(record.evaluation())
        .singleElement()
        .satisfies(c -> assertThat(c.metric()).isEqualTo("accuracy"));
    assertThat(record.gates()).allSatisfy(g -> assertThat(g.satisfied()).isTrue());
    assertThat(walk.release.getStatus().getHistory().get(0).packetRecord())
        .isEqualTo(dev.releasegate.api.ObjectNames.packetRecord("assistant", "1.1.0"));
  }

  @Test
  void aSignoffKeepsTheTimeItWasFirstSeenAndANewVersionGetsANewTime() {
    LifecycleWalk walk = LifecycleWalk.of("1.0.0");
    walk.sign("1.0.0", List.of("security"));
    walk.settle();
    var firstSeen = walk.now;

    walk.advance(Duration.ofMinutes(5));
    walk.settle();
    assertThat(walk.release.getStatus().getSignoffs())
        .singleElement()
        .satisfies(s -> assertThat(s.seenAt()).isEqualTo(firstSeen));

    walk.annotate("signoff.releasegate.dev/security", Releases.signoff("1.0.1", "sam"));
    walk.settle();
    assertThat(walk.release.getStatus().getSignoffs())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.version()).isEqualTo("1.0.1");
              assertThat(s.seenAt()).isEqualTo(walk.now);
            });
  }

  @Test
  void statusSaysWhichPolicyTheGatesFollowed() {
    LifecycleWalk walk = LifecycleWalk.of("1.0.0");
    walk.settle();
    assertThat(walk.release.getStatus().getPolicy().source()).isEqualTo("the built-in checklist");
  }
}
