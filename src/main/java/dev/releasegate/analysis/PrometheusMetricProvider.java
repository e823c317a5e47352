package dev.releasegate.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Prometheus' HTTP API, instant queries ({@code /api/v1/query}). A query must come down to one
 * number: a scalar, or a vector of exactly one series. An empty vector is no data, as are NaN and
 * infinities; several series are an error that asks for an aggregation.
 */
public final class PrometheusMetricProvider implements MetricProvider {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final Duration timeout;
  private final ServiceAddresses addresses;

  public PrometheusMetricProvider(HttpClient http, Duration timeout, ServiceAddresses addresses) {
    this.http = http;
    this.timeout = timeout;
    this.addresses = addresses;
  }

  @Override
  public Measurement measure(MetricQuery query) {
    if (query.address() == null || query.address().isBlank()) {
      return Measurement.error(query, "spec.analysis.prometheus.address is not set");
    }
    if (query.query() == null || query.query().isBlank()) {
      return Measurement.error(query, "metric " + query.metric() + " has no query");
    }
    try {
      URI uri =
          addresses.reach(
              query.address().replaceAll("/+$", "")
                  + "/api/v1/query?query="
                  + URLEncoder.encode(query.query(), StandardCharsets.UTF_8));
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
        return Measurement.error(
            query,
            "Prometheus answered "
                + response.statusCode()
                + ": "
                + body.path("error").asText(response.body()));
      }
      return read(query, body.path("data"));
    } catch (IOException e) {
      return Measurement.error(
          query,
          "Prometheus at " + query.address() + " did not answer: " + Unanswered.why(e, timeout));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Measurement.error(query, "interrupted");
    } catch (IllegalArgumentException e) {
      return Measurement.error(query, e.getMessage());
    }
  }

  private static Measurement read(MetricQuery query, JsonNode data) {
    String type = data.path("resultType").asText();
    JsonNode result = data.path("result");
    return switch (type) {
      case "scalar" -> number(query, result.path(1).asText());
      case "vector" -> {
        if (result.size() == 0) {
          yield Measurement.noData(query, "the query returned no series");
        }
        if (result.size() > 1) {
          yield Measurement.error(
              query,
              "the query returned "
                  + result.size()
                  + " series; aggregate them to one (for example with sum or max)");
        }
        yield number(query, result.get(0).path("value").path(1).asText());
      }
      default ->
          Measurement.error(
              query, "the query returned a " + type + "; an instant vector or scalar is needed");
    };
  }

  private static Measurement number(MetricQuery query, String text) {
    // Prometheus writes infinities as Go does; Java spells them differently.
    if (text.equals("+Inf") || text.equals("-Inf")) {
      return Measurement.noData(query, "the query returned " + text);
    }
    try {
      return Measurement.value(query, Double.parseDouble(text));
    } catch (NumberFormatException e) {
      return Measurement.error(query, "'" + text + "' is not a number");
    }
  }
}
