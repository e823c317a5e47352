package dev.releasegate.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.ConfigMapKey;
import dev.releasegate.api.v1alpha1.PacketArtifact;
import dev.releasegate.api.v1alpha1.PacketSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.lifecycle.ReleaseAnnotations;
import dev.releasegate.lifecycle.Releases;
import dev.releasegate.observability.Scrape;
import dev.releasegate.testing.Integration;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What a platform team watches: the endpoints, the metrics after a kill switch, the log lines. */
@Integration
class ObservabilityTest {
  private static final String SECRET = "sk-live-DO-NOT-LOG";
  private static final String FINDING_TITLE = "Prompt-MARKER leaks the system prompt";

  private final HttpClient http = HttpClient.newHttpClient();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger releasegateLogger = (Logger) LoggerFactory.getLogger("dev.releasegate");
  private Level levelBefore;
  private OperatorHarness h;

  @BeforeEach
  void start() {
    levelBefore = releasegateLogger.getLevel();
    releasegateLogger.setLevel(Level.INFO);
    log.start();
    releasegateLogger.addAppender(log);
    h =
        new OperatorHarness(
            OperatorSettings.defaults()
                .withEndpoints(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
  }

  @AfterEach
  void stop() {
    h.close();
    releasegateLogger.detachAppender(log);
    releasegateLogger.setLevel(levelBefore);
  }

  private HttpResponse<String> get(String path) throws Exception {
    int port = h.operator().endpointsPort().orElseThrow();
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Scrape metrics() throws Exception {
    HttpResponse<String> response = get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("text/plain");
    return new Scrape(response.body());
  }

  @Test
  void probesAnswerOnceTheOperatorIsStarted() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    assertThat(metrics().value("releasegate_leader")).contains(1.0);
  }

  @Test
  void aKillSwitchIsCountedAndItsReactionTimed() throws Exception {
    h.create(
        "assistant",
        Releases.spec("1.0.0", List.of(new CanaryStep(50, "1h"), new CanaryStep(100, null))));
    h.annotate("assistant", OperatorHarness.signoffs("1.0.0"));
    h.awaitPhase("assistant", Phase.Promoted);
    h.setSpec(
        "assistant",
        Releases.spec("1.1.0", List.of(new CanaryStep(50, "1h"), new CanaryStep(100, null))));
    h.annotate("assistant", OperatorHarness.signoffs("1.1.0"));
    await()
        .atMost(OperatorHarness.WAIT)
        .until(
            () ->
                metrics()
                        .value("releasegate_canary_weight_percent", "release=\"assistant\"")
                        .orElse(0.0)
                    == 50.0);

    h.annotate("assistant", Map.of(ReleaseAnnotations.KILL_SWITCH, "true"));

    await()
        .atMost(OperatorHarness.WAIT)
        .until(
            () ->
                metrics().value("releasegate_kill_switch_reaction_seconds_count").orElse(0.0)
                    == 1.0);
    Scrape scrape = metrics();
    assertThat(
            scrape.value(
                "releasegate_rollbacks_total", "release=\"assistant\"", "reason=\"KillSwitch\""))
        .contains(1.0);
    assertThat(
            scrape.value(
                "releasegate_release_phase", "release=\"assistant\"", "phase=\"RolledBack\""))
        .contains(1.0);
    assertThat(scrape.value("releasegate_kill_switch_reaction_seconds_sum"))
        .get()
        .matches(s -> s > 0);
    assertThat(scrape.mentions("operator_sdk_reconciliations"))
        .as("JOSDK's reconcile metrics")
        .isTrue();
    assertThat(scrape.mentions("jvm_memory_used_bytes")).isTrue();
  }

  @Test
  void everyLogLineNamesItsReleaseAndNoneQuotesTheEvidence() {
    Map<String, String> evidence = new LinkedHashMap<>(Releases.evidenceData(0.91));
    evidence.put("runbook", "Rotate the key with token=" + SECRET);
    evidence.put(
        "securityFindings",
        "{\"findings\": [{\"id\": \"SEC-9\", \"title\": \""
            + FINDING_TITLE
            + "\", \"category\": \"systemPromptLeak\", \"severity\": \"high\", \"status\": \"open\"}]}");
    h.putEvidence("leaky-evidence", evidence);
    PacketSpec packet =
        new PacketSpec(
            Releases.packet().artifacts().stream()
                .map(
                    a ->
                        new PacketArtifact(
                            a.type(), new ConfigMapKey("leaky-evidence", a.type()), null, null))
                .toList());
    h.create("leaky", Releases.with(Releases.spec("1.0.0"), "packet", packet));
    h.annotate("leaky", OperatorHarness.signoffs("1.0.0"));
    h.create("assistant", Releases.spec("1.0.0"));
    h.annotate("assistant", OperatorHarness.signoffs("1.0.0"));

    h.awaitPhase("assistant", Phase.Promoted);
    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> h.release("leaky").get().getStatus().getMessage().contains(FINDING_TITLE));

    List<ILoggingEvent> lines = List.copyOf(log.list);
    assertThat(lines)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(m -> m.contains("Promoted"));
    assertThat(lines)
        .allSatisfy(
            line -> {
              assertThat(line.getMDCPropertyMap().get("resource.namespace"))
                  .as("namespace of: %s", line.getFormattedMessage())
                  .isEqualTo(OperatorHarness.NAMESPACE);
              assertThat(line.getMDCPropertyMap().get("resource.name"))
                  .as("name of: %s", line.getFormattedMessage())
                  .isIn("assistant", "leaky");
              assertThat(line.getFormattedMessage()).doesNotContain(SECRET, FINDING_TITLE);
            });
  }
}
