package dev.releasegate.cel;

import java.util.List;
import java.util.Objects;

/**
 * A test double for Kubernetes' CEL {@code authorizer} variable (k8s.io/apiserver's authz library,
 * which cel-java does not have): {@code authorizer.group(g).resource(r).namespace(ns).name(n)
 * .check(verb).allowed()}. It answers from a fixed list of grants, as RBAC would for one user: a
 * grant without a name or namespace covers them all, and nothing is allowed that no grant names.
 */
public final class FakeAuthorizer {
  /** What one RBAC rule bound to the user allows; null name or namespace: any. */
  public record Grant(String group, String resource, String verb, String namespace, String name) {}

  private final List<Grant> grants;

  public FakeAuthorizer(List<Grant> grants) {
    this.grants = List.copyOf(grants);
  }

  /** A user with no grants at all. */
  public static FakeAuthorizer nobody() {
    return new FakeAuthorizer(List.of());
  }

  GroupCheck group(String group) {
    return new GroupCheck(this, group);
  }

  /** {@code authorizer.group(g)}. */
  record GroupCheck(FakeAuthorizer authorizer, String group) {
    ResourceCheck resource(String resource) {
      return new ResourceCheck(authorizer, group, resource, null, null);
    }
  }

  /** {@code ...resource(r)}, narrowed by {@code namespace(ns)} and {@code name(n)}. */
  record ResourceCheck(
      FakeAuthorizer authorizer, String group, String resource, String namespace, String name) {
    ResourceCheck namespace(String ns) {
      return new ResourceCheck(authorizer, group, resource, ns, name);
    }

    ResourceCheck name(String n) {
      return new ResourceCheck(authorizer, group, resource, namespace, n);
    }

    Decision check(String verb) {
      boolean allowed =
          authorizer.grants.stream()
              .anyMatch(
                  g ->
                      g.group().equals(group)
                          && g.resource().equals(resource)
                          && g.verb().equals(verb)
                          && (g.namespace() == null || Objects.equals(g.namespace(), namespace))
                          && (g.name() == null || Objects.equals(g.name(), name)));
      return new Decision(
          allowed, allowed ? "" : "no RBAC rule allows " + verb + " on " + resource + " " + name);
    }
  }

  /** {@code ...check(verb)}: {@code allowed()} and {@code reason()}. */
  record Decision(boolean allowed, String reason) {}
}
