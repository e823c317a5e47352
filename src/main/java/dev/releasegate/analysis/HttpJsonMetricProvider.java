package dev.releasegate.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Any HTTP endpoint that answers JSON, such as an eval service: GET the URL, read the number at a
 * JSON pointer. Header values (a token) come from a Secret and are never put in errors or logs.
 */
public final class HttpJsonMetricProvider implements MetricProvider {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where header values come from; the operator reads them from Secrets. */
  @FunctionalInterface
  public interface Headers {
    Map<String, String> of(String namespace, String secretName);
  }

  private final HttpClient http;
  private final Duration timeout;
  private final Headers headers;
  private final ServiceAddresses addresses;

  public HttpJsonMetricProvider(
      HttpClient http, Duration timeout, Headers headers, ServiceAddresses addresses) {
    this.http = http;
    this.timeout = timeout;
    this.headers = headers;
    this.addresses = addresses;
  }

  @Override
  public Measurement measure(MetricQuery query) {
    if (query.query() == null || query.jsonPointer() == null) {
      return Measurement.error(
          query, "metric " + query.metric() + " needs http.url and http.jsonPointer");
    }
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(addresses.reach(query.query())).timeout(timeout).GET();
      if (query.headersSecret() != null) {
        headers.of(query.namespace(), query.headersSecret()).forEach(request::header);
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return Measurement.error(query, query.query() + " answered " + response.statusCode());
      }
      JsonNode value = JSON.readTree(response.body()).at(query.jsonPointer());
      if (value.isMissingNode() || value.isNull()) {
        return Measurement.noData(query, "no value at " + query.jsonPointer());
      }
      if (value.isNumber()) {
        return Measurement.value(query, value.doubleValue());
      }
      return Measurement.value(query, Double.parseDouble(value.asText()));
    } catch (NumberFormatException e) {
      return Measurement.error(query, "the value at " + query.jsonPointer() + " is not a number");
    } catch (IOException e) {
      return Measurement.error(
          query, query.query() + " did not answer: " + Unanswered.why(e, timeout));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Measurement.error(query, "interrupted");
    } catch (IllegalArgumentException e) {
      return Measurement.error(query, e.getMessage());
    }
  }
}
