package dev.releasegate.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * The cluster mode's log configurations (text and --log-format=json): one line per event, however
 * many lines its message or stack trace has, with the release it is about.
 */
class LogFormatTest {

  /** Logs one multi-line event with an exception through a configuration, returns the output. */
  private static String logThrough(String configuration) throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(MDC.getMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try {
      configurator.doConfigure(LogFormatTest.class.getClassLoader().getResource(configuration));
      // The configuration's own encoder, writing here instead of to stderr.
      var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      var console = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
      OutputStreamAppender<ILoggingEvent> capture = new OutputStreamAppender<>();
      capture.setContext(context);
      capture.setEncoder(console.getEncoder());
      capture.setOutputStream(buffer);
      capture.start();
      root.detachAppender(console);
      root.addAppender(capture);
      Logger logger = context.getLogger("dev.releasegate.operator.ModelReleaseReconciler");
      try (var ns = MDC.putCloseable("resource.namespace", "ml");
          var name = MDC.putCloseable("resource.name", "assistant")) {
        logger.warn("first line\nsecond line", new IllegalStateException("boom"));
      }
    } finally {
      context.stop();
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"logback.xml", "logback-json.xml"})
  void oneEventIsOneLine(String configuration) throws Exception {
    String output = logThrough(configuration);

    assertThat(output.lines()).hasSize(1);
    assertThat(output).contains("first line").contains("second line").contains("boom");
  }

  @org.junit.jupiter.api.Test
  void textLinesNameTheRelease() throws Exception {
    assertThat(logThrough("logback.xml")).contains("WARN  [ml/assistant] ModelReleaseReconciler");
  }

  @org.junit.jupiter.api.Test
  void jsonLinesCarryTheReleaseInTheirMdc() throws Exception {
    JsonNode line = Serialization.jsonMapper().readTree(logThrough("logback-json.xml"));

    assertThat(line.path("level").asText()).isEqualTo("WARN");
    assertThat(line.path("mdc").path("resource.namespace").asText()).isEqualTo("ml");
    assertThat(line.path("mdc").path("resource.name").asText()).isEqualTo("assistant");
    assertThat(line.path("message").asText()).isEqualTo("first line\nsecond line");
  }
}
