package dev.releasegate.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What kube-apiserver's audit log says service accounts asked and were answered: the verb as the
 * authorizer saw it (a server-side apply that creates an object is a {@code create}), not the HTTP
 * method.
 */
public final class AuditLog {
  private final Path file;

  AuditLog(Path file) {
    this.file = file;
  }

  /**
   * The id the API server gives a service-account token's requests in the audit log ("JTI=" and the
   * token's jti claim), so that two processes of one ServiceAccount can be told apart.
   */
  static String credentialOf(String token) {
    String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    return "JTI=" + Serialization.unmarshal(payload, JsonNode.class).path("jti").asText();
  }

  /**
   * One request as the API server authorised and answered it. A long-running request (a watch) has
   * two lines, when its response starts and when it ends, with the same {@code auditId}.
   */
  public record Request(
      String user,
      String credential,
      String verb,
      String group,
      String resource,
      String subresource,
      String namespace,
      String name,
      int code,
      String message,
      String uri,
      String auditId) {

    /** "verb group/resource[/subresource]", as an RBAC rule grants it. */
    public String permission() {
      return permission(verb);
    }

    /**
     * Every permission the authorizer checked for this request: its verb, and {@code create} too
     * for a patch that created the object (a server-side apply of a new object, answered 201),
     * which the audit log records under the request's verb.
     */
    public List<String> permissions() {
      return verb.equals("patch") && code == 201
          ? List.of(permission(verb), permission("create"))
          : List.of(permission(verb));
    }

    private String permission(String checked) {
      return checked
          + " "
          + group
          + "/"
          + resource
          + (subresource.isEmpty() ? "" : "/" + subresource);
    }

    public boolean refused() {
      return code == 401 || code == 403;
    }

    @Override
    public String toString() {
      return code + " " + permission() + " " + namespace + "/" + name + " (" + message + ")";
    }
  }

  /** Every request this user made so far. */
  public List<Request> requestsOf(String user) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines
          .map(AuditLog::parse)
          .filter(r -> r.user().equals(user) && !r.resource().isEmpty())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Request parse(String line) {
    JsonNode event = Serialization.unmarshal(line, JsonNode.class);
    JsonNode ref = event.path("objectRef");
    JsonNode status = event.path("responseStatus");
    return new Request(
        event.path("user").path("username").asText(),
        event
            .path("user")
            .path("extra")
            .path("authentication.kubernetes.io/credential-id")
            .path(0)
            .asText(),
        event.path("verb").asText(),
        ref.path("apiGroup").asText(),
        ref.path("resource").asText(),
        ref.path("subresource").asText(),
        ref.path("namespace").asText(),
        ref.path("name").asText(),
        status.path("code").asInt(),
        status.path("message").asText(),
        event.path("requestURI").asText(),
        event.path("auditID").asText());
  }
}
