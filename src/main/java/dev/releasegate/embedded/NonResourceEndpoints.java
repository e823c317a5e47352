package dev.releasegate.embedded;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.RootPathsBuilder;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * GETs outside the resource paths: discovery, OpenAPI v3, {@code /version}, {@code /} and the
 * health checks.
 *
 * <p>The mock server parses any such path as "every object" and answers with a list of everything
 * it stores, which kubectl cannot read. {@code /openapi/v2} and unknown paths get a 404 Status
 * (kubectl validates against v2 only the kinds whose field validation {@link OpenApiV3} does not
 * say the server does).
 */
final class NonResourceEndpoints {

  private final ApiDiscovery discovery;
  private final OpenApiV3 openApi;

  NonResourceEndpoints(ObjectStore store) {
    this.discovery = new ApiDiscovery(store::customResourceDefinitions);
    this.openApi = new OpenApiV3(store::customResourceDefinitions);
  }

  /** Whether a GET of {@code pathAndQuery} is answered here rather than from the store. */
  static boolean handles(String pathAndQuery) {
    return ApiDiscovery.isDiscoveryPath(pathAndQuery) || ResourcePath.parse(pathAndQuery).isEmpty();
  }

  MockResponse get(String pathAndQuery) {
    String path = ResourcePath.withoutQuery(pathAndQuery);
    if (ApiDiscovery.isDiscoveryPath(path)) {
      return discovery
          .describe(path)
          .map(document -> Responses.json(200, document))
          .orElseGet(() -> new ApiStatus(404, "NotFound", "unknown API " + path).toResponse());
    }
    if (OpenApiV3.isOpenApiV3Path(path)) {
      return openApi
          .describe(path)
          .map(document -> Responses.json(200, document))
          .orElseGet(
              () -> new ApiStatus(404, "NotFound", "no OpenAPI document " + path).toResponse());
    }
    return switch (path) {
      case "/", "" ->
          Responses.json(
              200, new RootPathsBuilder().withPaths("/api", "/apis", "/version").build());
      case "/version" -> Responses.json(200, version());
      case "/healthz", "/livez", "/readyz" -> Responses.text(200, "ok");
      default -> new ApiStatus(404, "NotFound", "the server could not find " + path).toResponse();
    };
  }

  /** The Kubernetes version whose behaviour is emulated. */
  private static ObjectNode version() {
    ObjectNode version = JsonNodeFactory.instance.objectNode();
    version.put("major", "1");
    version.put("minor", "32");
    version.put("gitVersion", "v1.32.0-releasegate-embedded");
    version.put("gitCommit", "");
    version.put("gitTreeState", "clean");
    version.put("buildDate", "2025-01-01T00:00:00Z");
    version.put("goVersion", "");
    version.put("compiler", "embedded");
    version.put("platform", "embedded");
    return version;
  }
}
