package dev.releasegate.embedded;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A failed request, answered with a {@code v1 Status} body as a real API server does, so that
 * kubectl prints "Error from server (Conflict): ..." and the Fabric8 client reports the code and
 * reason.
 */
final class ApiStatus extends RuntimeException {

  private final int code;
  private final String reason;
  private final StatusDetails details;

  ApiStatus(int code, String reason, String message) {
    this(code, reason, message, null);
  }

  private ApiStatus(int code, String reason, String message, StatusDetails details) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  /**
   * 422 Invalid for an object that breaks its schema, worded as a real server words it, e.g. {@code
   * ModelRelease.releasegate.dev "x" is invalid: spec.model: Required value}. kubectl prints the
   * causes, each as "field: message", after "The ModelRelease "x" is invalid".
   */
  static ApiStatus invalid(String kind, String group, String name, List<StatusCause> causes) {
    List<String> errors =
        causes.stream()
            .map(
                c -> c.getField().isEmpty() ? c.getMessage() : c.getField() + ": " + c.getMessage())
            .toList();
    String message =
        (group == null || group.isEmpty() ? kind : kind + "." + group)
            + " \""
            + name
            + "\" is invalid: "
            + (errors.size() == 1
                ? errors.get(0)
                : errors.stream().collect(Collectors.joining(", ", "[", "]")));
    StatusDetails details =
        new StatusDetailsBuilder()
            .withKind(kind)
            .withGroup(group)
            .withName(name)
            .withCauses(causes)
            .build();
    return new ApiStatus(422, "Invalid", message, details);
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

  /** 409 AlreadyExists, as a real server answers a create of a name that is taken. */
  static ApiStatus alreadyExists(ResourcePath path, String name) {
    return new ApiStatus(
        409,
        "AlreadyExists",
        path.groupResource() + " \"" + name + "\" already exists",
        new StatusDetailsBuilder()
            .withName(name)
            .withGroup(path.group())
            .withKind(path.plural())
            .build());
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
                .withDetails(details)
                .build());
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }
}
