package dev.releasegate.embedded;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Optional;

/**
 * One kind of request a client made, in RBAC's terms: which caller (its User-Agent), which verb on
 * which resource of which group, in which namespace and on which named object. A test derives the
 * RBAC rules an operator needs from the calls it really made.
 *
 * @param caller the request's User-Agent
 * @param verb the RBAC verb: get, list, watch, create, update, patch, delete or deletecollection
 *     for resources; the lower-case HTTP method for non-resource URLs
 * @param group the API group; "" for the core group; null for a non-resource URL
 * @param resource the resource, with its subresource ("modelreleases/status"), or the non-resource
 *     URL's path
 * @param namespace the namespace, or null for a cluster-wide request
 * @param name the object's name, or null for a collection
 */
public record ApiCall(
    String caller, String verb, String group, String resource, String namespace, String name) {

  /** Whether this is a call to a non-resource URL such as /api or /version (discovery). */
  public boolean nonResource() {
    return group == null;
  }

  static ApiCall of(RecordedRequest request) {
    String path = request.getPath();
    String caller = Optional.ofNullable(request.getHeader("User-Agent")).orElse("");
    Optional<ResourcePath> parsed = ResourcePath.parse(path);
    if (parsed.isEmpty()) {
      String method = request.method() == null ? "other" : request.method().name();
      return new ApiCall(
          caller,
          method.toLowerCase(java.util.Locale.ROOT),
          null,
          ResourcePath.withoutQuery(path),
          null,
          null);
    }
    ResourcePath resource = parsed.get();
    return new ApiCall(
        caller,
        verb(request.method(), resource, ResourcePath.isWatch(path)),
        resource.group() == null ? "" : resource.group(),
        resource.resource(),
        resource.namespace(),
        resource.name());
  }

  private static String verb(HttpMethod method, ResourcePath path, boolean watch) {
    if (method == null) {
      return "other";
    }
    return switch (method) {
      case GET -> watch ? "watch" : path.isCollection() ? "list" : "get";
      case POST -> "create";
      case PUT -> "update";
      case PATCH -> "patch";
      case DELETE -> path.isCollection() ? "deletecollection" : "delete";
      default -> method.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
