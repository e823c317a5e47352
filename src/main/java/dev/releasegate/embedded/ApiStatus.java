package dev.releasegate.embedded;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * A failed request, answered with a {@code v1 Status} body as a real API server does, so that
 * kubectl prints "Error from server (Conflict): ..." and the Fabric8 client reports the code and
 * reason.
 */
final class ApiStatus extends RuntimeException {

  private final int code;
  private final String reason;

  ApiStatus(int code, String reason, String message) {
    super(message);
    this.code = code;
    this.reason = reason;
  }

  static ApiStatus notFound(ResourcePath path) {
    String message =
        path.name() == null
            ? "the server could not find the requested resource"
            : path.groupResource() + " \"" + path.name() + "\" not found";
    return new ApiStatus(404, "NotFound", message);
  }

  static ApiStatus conflict(ResourcePath path) {
    return new ApiStatus(
        409,
        "Conflict",
        "Operation cannot be fulfilled on "
            + path.plural()
            + " \""
            + path.name()
            + "\": the object has been modified; please apply your changes to the latest"
            + " version and try again");
  }

  static ApiStatus badRequest(String message) {
    return new ApiStatus(400, "BadRequest", message);
  }

  int code() {
    return code;
  }

  MockResponse toResponse() {
    String body =
        Serialization.asJson(
            new StatusBuilder()
                .withStatus("Failure")
                .withCode(code)
                .withReason(reason)
                .withMessage(getMessage())
                .build());
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }
}
