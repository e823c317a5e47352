package dev.releasegate.embedded;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Kubernetes REST path split into its parts: {@code /apis/{group}/{version}/namespaces/{ns}/
 * {plural}/{name}/{subresource}} (core resources live under {@code /api/{version}}).
 *
 * <p>The mock server has its own path parser, but it does not expose the subresource and it treats
 * the query string as part of the path in places; this one is the single source of truth for the
 * emulation layer.
 */
record ResourcePath(
    String group,
    String version,
    String namespace,
    String plural,
    String name,
    String subresource,
    String query) {

  private static final Pattern RESOURCE =
      Pattern.compile(
          "^/(?:api|apis/(?<group>[^/]+))/(?<version>[^/]+)"
              + "(?:/namespaces/(?<namespace>[^/]+))?"
              + "/(?<plural>[^/]+)(?:/(?<name>[^/]+))?(?:/(?<subresource>[^/]+))?$");

  /** Parses a request path (query string allowed); empty when it is not a resource path. */
  static Optional<ResourcePath> parse(String pathAndQuery) {
    String path = withoutQuery(pathAndQuery);
    Matcher m = RESOURCE.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    String query = queryOf(pathAndQuery);
    String namespace = m.group("namespace");
    String plural = m.group("plural");
    String name = m.group("name");
    // "/api/v1/namespaces/foo/status" reads like "resource 'status' in namespace foo", but it
    // is the status subresource of the namespace foo (the same holds for "finalize").
    if (namespace != null
        && name == null
        && m.group("group") == null
        && (plural.equals("status") || plural.equals("finalize"))) {
      return Optional.of(
          new ResourcePath(null, m.group("version"), null, "namespaces", namespace, plural, query));
    }
    return Optional.of(
        new ResourcePath(
            m.group("group"),
            m.group("version"),
            namespace,
            plural,
            name,
            m.group("subresource"),
            query));
  }

  static String withoutQuery(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
  }

  static String queryOf(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    return q < 0 ? "" : pathAndQuery.substring(q + 1);
  }

  /** The decoded value of one query parameter of a path, if present. */
  static Optional<String> queryParameter(String pathAndQuery, String parameter) {
    for (String pair : queryOf(pathAndQuery).split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(parameter)) {
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        return Optional.of(URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  /** {@code pathAndQuery} without one query parameter; the others stay as they were sent. */
  static String withoutQueryParameter(String pathAndQuery, String parameter) {
    String query = queryOf(pathAndQuery);
    if (query.isEmpty()) {
      return pathAndQuery;
    }
    String kept =
        Arrays.stream(query.split("&"))
            .filter(pair -> !pair.equals(parameter) && !pair.startsWith(parameter + "="))
            .collect(Collectors.joining("&"));
    String path = withoutQuery(pathAndQuery);
    return kept.isEmpty() ? path : path + "?" + kept;
  }

  /** Whether a GET with this path and query is a watch ({@code watch=true} or {@code watch=1}). */
  static boolean isWatch(String pathAndQuery) {
    return queryParameter(pathAndQuery, "watch")
        .map(value -> value.equals("true") || value.equals("1"))
        .orElse(false);
  }

  /** The decoded value of one of this path's query parameters, if present. */
  Optional<String> parameter(String parameter) {
    return queryParameter("?" + query, parameter);
  }

  /** The collection this path's object belongs to. */
  ResourcePath withoutName() {
    return new ResourcePath(group, version, namespace, plural, null, null, query);
  }

  /** The object named {@code name} in this collection, in {@code namespace} (null if none). */
  ResourcePath member(String namespace, String name) {
    return new ResourcePath(group, version, namespace, plural, name, null, "");
  }

  /** The main resource this subresource belongs to. */
  ResourcePath withoutSubresource() {
    return new ResourcePath(group, version, namespace, plural, name, null, query);
  }

  boolean isCollection() {
    return name == null;
  }

  boolean isStatus() {
    return "status".equals(subresource);
  }

  /** The path of the whole object, without subresource and query. */
  String objectPath() {
    return collectionPath() + "/" + name;
  }

  /** The path of the collection the object belongs to, without query. */
  String collectionPath() {
    StringBuilder path = new StringBuilder(group == null ? "/api" : "/apis/" + group);
    path.append('/').append(version);
    if (namespace != null) {
      path.append("/namespaces/").append(namespace);
    }
    return path.append('/').append(plural).toString();
  }

  /** This path without its query string (the mock mis-detects "/status" when one is present). */
  String pathWithoutQuery() {
    return subresource == null
        ? (name == null ? collectionPath() : objectPath())
        : objectPath() + "/" + subresource;
  }

  /** The API group and version, e.g. "apps/v1", or just "v1" for the core group. */
  String groupVersion() {
    return group == null ? version : group + "/" + version;
  }

  /** The resource qualified by its group as kubectl names it, e.g. "deployments.apps", "pods". */
  String groupResource() {
    return group == null ? plural : plural + "." + group;
  }

  /** The resource name for counting and logging, e.g. "deployments" or "deployments/status". */
  String resource() {
    return subresource == null ? plural : plural + "/" + subresource;
  }
}
