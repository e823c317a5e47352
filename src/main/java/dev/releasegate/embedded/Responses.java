package dev.releasegate.embedded;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;

/** Successful responses of the emulation layer; failures are {@link ApiStatus}. */
final class Responses {

  private Responses() {}

  /** A JSON response; {@code body} is a JSON string or anything Jackson can serialise. */
  static MockResponse json(int code, Object body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body instanceof String text ? text : Serialization.asJson(body));
  }

  static MockResponse text(int code, String body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "text/plain")
        .setBody(body);
  }
}
