package dev.releasegate.gate;

import static dev.releasegate.gate.EvidenceFixtures.evidence;
import static dev.releasegate.gate.EvidenceFixtures.key;
import static dev.releasegate.gate.EvidenceFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.PacketArtifact;
import dev.releasegate.api.v1alpha1.PacketSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingsGateTest {
  private static final PacketSpec PACKET =
      new PacketSpec(
          List.of(
              new PacketArtifact("modelCard", key("modelCard"), null, null),
              new PacketArtifact("securityFindings", key("findings.json"), null, null)));

  private static GateStatus withLog(String json) {
    return FindingsGate.evaluate(PACKET, evidence(read(key("findings.json"), json)));
  }

  private static String finding(
      String id, String title, String category, String severity, String status) {
    return "{\"id\": \"%s\", \"title\": \"%s\", \"category\": \"%s\", \"severity\": \"%s\", \"status\": \"%s\"}"
        .formatted(id, title, category, severity, status);
  }

  private static String log(String... findings) {
    return "{\"findings\": [" + String.join(", ", findings) + "]}";
  }

  private static String promptInjection(String status) {
    return finding("SEC-12", "uploaded file overrides instructions", "LLM01", "high", status);
  }

  @Test
  void anOpenHighPromptInjectionBlocksAndIsNamed() {
    GateStatus gate = withLog(log(promptInjection("open")));

    assertThat(gate.name()).isEqualTo("security-findings");
    assertThat(gate.satisfied()).isFalse();
    assertThat(gate.missing())
        .containsExactly(
            "SEC-12 (LLM01 Prompt Injection, high, open): uploaded file overrides instructions");
    assertThat(gate.reason())
        .isEqualTo(
            "1 security finding blocks launch: SEC-12 (LLM01 Prompt Injection, high, open):"
                + " uploaded file overrides instructions; fix and retest each one, then mark it"
                + " verified (a critical or high finding may instead be risk-accepted).");
  }

  @Test
  void aFixThatIsNotRetestedStillBlocks() {
    GateStatus gate = withLog(log(promptInjection("fixed")));

    assertThat(gate.satisfied()).isFalse();
    assertThat(gate.missing())
        .containsExactly(
            "SEC-12 (LLM01 Prompt Injection, high, fixed): uploaded file overrides instructions");
  }

  @Test
  void aRetestedFixOpensTheGate() {
    GateStatus gate = withLog(log(promptInjection("verified")));

    assertThat(gate.satisfied()).isTrue();
    assertThat(gate.reason())
        .isEqualTo(
            "No finding blocks launch: 1 finding (1 verified) in the log at ConfigMap"
                + " release-evidence key findings.json.");
  }

  @Test
  void aPathToPrivateDataBlocksWhateverItsSeverity() {
    GateStatus gate =
        withLog(
            log(
                finding(
                    "SEC-3",
                    "retrieved document shown to the wrong user",
                    "privateDataExposure",
                    "low",
                    "open")));

    assertThat(gate.satisfied()).isFalse();
    assertThat(gate.missing())
        .containsExactly(
            "SEC-3 (privateDataExposure, low, open): retrieved document shown to the wrong user");
    assertThat(gate.reason()).endsWith("; fix and retest each one, then mark it verified.");
  }

  @Test
  void theRiskOfUnauthorizedActionOrALeakedSystemPromptCannotBeAccepted() {
    GateStatus gate =
        withLog(
            log(
                finding("SEC-4", "agent closes claims", "unauthorizedAction", "medium", "accepted"),
                finding("SEC-5", "prints its instructions", "systemPromptLeak", "info", "fixed"),
                finding(
                    "SEC-6",
                    "agent closes claims (retested)",
                    "unauthorizedAction",
                    "high",
                    "verified")));

    assertThat(gate.missing())
        .containsExactly(
            "SEC-4 (unauthorizedAction, medium, accepted): agent closes claims",
            "SEC-5 (systemPromptLeak, info, fixed): prints its instructions");
  }

  @Test
  void anOpenMediumFindingDoesNotBlock() {
    GateStatus gate =
        withLog(
            log(
                finding("SEC-7", "verbose error messages", "LLM05", "medium", "open"),
                finding("SEC-8", "long prompts are slow", "LLM10", "low", "open"),
                promptInjection("verified")));

    assertThat(gate.satisfied()).isTrue();
    assertThat(gate.reason())
        .isEqualTo(
            "No finding blocks launch: 3 findings (2 open, 1 verified) in the log at ConfigMap"
                + " release-evidence key findings.json.");
  }

  @Test
  void anAcceptedCriticalRiskDoesNotBlockButIsNoted() {
    GateStatus gate =
        withLog(log(finding("SEC-9", "no rate limit per tenant", "LLM10", "critical", "accepted")));

    assertThat(gate.satisfied()).isTrue();
    assertThat(gate.stale())
        .containsExactly(
            "SEC-9 (LLM10 Unbounded Consumption, critical, accepted): no rate limit per tenant:"
                + " risk accepted, not fixed");
  }

  @Test
  void anEmptyLogIsSatisfiedBecauseTheLogExists() {
    for (String json : List.of("{\"findings\": []}", "[]")) {
      GateStatus gate = withLog(json);

      assertThat(gate.satisfied()).isTrue();
      assertThat(gate.reason())
          .isEqualTo(
              "No findings recorded in the log at ConfigMap release-evidence key findings.json:"
                  + " it exists, and nothing blocks.");
    }
  }

  @Test
  void aBareArrayIsALogToo() {
    GateStatus gate = withLog("[" + promptInjection("open") + "]");

    assertThat(gate.missing()).hasSize(1);
  }

  @Test
  void malformedFindingsJsonIsNamed() {
    GateStatus gate = withLog("{\"findings\": [" + promptInjection("open"));

    assertThat(gate.satisfied()).isFalse();
    assertThat(gate.reason())
        .startsWith(
            "Security findings cannot be assessed: the findings log in ConfigMap release-evidence"
                + " key findings.json is not valid JSON at line 1, column ");
    assertThat(gate.missing()).singleElement().asString().startsWith("securityFindings: ");
  }

  @Test
  void aLogOfAnotherShapeCannotBeAssessed() {
    GateStatus gate = withLog("{\"results\": []}");

    assertThat(gate.missing())
        .containsExactly(
            "securityFindings: the findings log in ConfigMap release-evidence key findings.json is"
                + " neither {\"findings\": [...]} nor a JSON array of findings");
  }

  @Test
  void aFindingThatCannotBeAssessedBlocksAndSaysWhy() {
    GateStatus gate =
        withLog(
            log(
                finding("SEC-20", "odd", "LLM11", "severe", "open"),
                "{\"title\": \"no id\", \"category\": \"LLM02\", \"severity\": \"low\", \"status\": \"done\"}",
                "\"just a string\""));

    assertThat(gate.satisfied()).isFalse();
    assertThat(gate.missing())
        .containsExactly(
            "SEC-20 cannot be assessed: category \"LLM11\" is not LLM01 to LLM10,"
                + " privateDataExposure, unauthorizedAction or systemPromptLeak, and severity"
                + " \"severe\" is not critical, high, medium, low or info",
            "finding #2 cannot be assessed: it has no id, and status \"done\" is not open, fixed,"
                + " verified or accepted",
            "finding #3 cannot be assessed: it has no id, and category is missing: use LLM01 to"
                + " LLM10, privateDataExposure, unauthorizedAction or systemPromptLeak, and"
                + " severity is missing: use critical, high, medium, low or info, and status is"
                + " missing: use open, fixed, verified or accepted");
    assertThat(gate.reason()).endsWith("; correct the entries that cannot be assessed.");
  }

  @Test
  void categoriesAreThe2025OwaspNamesAndCaseDoesNotMatter() {
    GateStatus gate =
        withLog(
            log(
                finding("SEC-30", "hidden rules printed", "LLM07:2025", "HIGH", "Open"),
                finding("SEC-31", "reads tickets it should not", "llm08", "critical", "fixed")));

    assertThat(gate.missing())
        .containsExactly(
            "SEC-30 (LLM07 System Prompt Leakage, high, open): hidden rules printed",
            "SEC-31 (LLM08 Vector and Embedding Weaknesses, critical, fixed): reads tickets it"
                + " should not");
  }

  @Test
  void anotherEditionsIdIsNotMistakenForThisOne() {
    assertThat(FindingCategory.parse("LLM06:2023")).isEmpty();
    assertThat(FindingCategory.parse("LLM06:2025")).hasValue(FindingCategory.LLM06);
    assertThat(FindingCategory.LLM02.label()).isEqualTo("LLM02 Sensitive Information Disclosure");
  }

  @Test
  void aUrlOnlyFindingsLogCannotBeAssessed() {
    PacketSpec packet =
        new PacketSpec(
            List.of(
                new PacketArtifact(
                    "securityFindings",
                    null,
                    "https://sec.example.com/findings/42",
                    "ab".repeat(32))));

    GateStatus gate = FindingsGate.evaluate(packet, Evidence.NONE);

    assertThat(gate.satisfied()).isFalse();
    assertThat(gate.reason())
        .isEqualTo(
            "Security findings cannot be assessed: the securityFindings artifact is only a url"
                + " (https://sec.example.com/findings/42), which the operator does not fetch, so"
                + " its findings cannot be assessed: put the log in a ConfigMap and name it with"
                + " configMapKeyRef.");
  }

  @Test
  void withoutAFindingsLogTheGateIsShut() {
    GateStatus gate = FindingsGate.evaluate(new PacketSpec(List.of()), Evidence.NONE);

    assertThat(gate.satisfied()).isFalse();
    assertThat(gate.missing())
        .containsExactly(
            "securityFindings: no securityFindings artifact in spec.packet.artifacts: add the"
                + " findings log from a ConfigMap");
  }

  @Test
  void anUnreadableLogIsNamedWithTheReadersProblem() {
    GateStatus gate =
        FindingsGate.evaluate(
            PACKET,
            evidence(
                EvidenceDocument.unreadable(
                    key("findings.json"), "ConfigMap release-evidence does not exist.")));

    assertThat(gate.reason())
        .isEqualTo(
            "Security findings cannot be assessed: the findings log cannot be read: ConfigMap"
                + " release-evidence does not exist.");
  }

  @Test
  void oddValuesInTheLogAreNamedNotThrown() {
    GateStatus gate =
        withLog(
            "[null, 5, {\"id\": 7, \"title\": \"x\", \"category\": [\"LLM01\"],"
                + " \"severity\": \"low\", \"status\": \"open\"}]");

    assertThat(gate.satisfied()).isFalse();
    assertThat(gate.missing())
        .hasSize(3)
        .last()
        .asString()
        .startsWith("7 cannot be assessed: category is missing");
  }
}
