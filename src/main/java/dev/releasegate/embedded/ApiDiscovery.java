package dev.releasegate.embedded;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Legacy (non-aggregated) API discovery: {@code /api}, {@code /api/v1}, {@code /apis}, {@code
 * /apis/{group}} and {@code /apis/{group}/{version}}.
 *
 * <p>The mock server answers these paths with a list of every stored object, which kubectl cannot
 * read. kubectl 1.32 first asks for aggregated discovery ({@code as=APIGroupDiscoveryList} in the
 * Accept header) but falls back to this format when the response is plain {@code application/json}.
 * Custom resources come from the CustomResourceDefinition objects stored in the server, so a CRD
 * created through the API shows up at once.
 */
final class ApiDiscovery {

  private static final Pattern DISCOVERY_PATH =
      Pattern.compile("^/(?:api(?:/v1)?|apis(?:/(?<group>[^/]+)(?:/(?<version>[^/]+))?)?)/?$");

  private final Supplier<List<CustomResourceDefinition>> crds;

  ApiDiscovery(Supplier<List<CustomResourceDefinition>> crds) {
    this.crds = crds;
  }

  static boolean isDiscoveryPath(String path) {
    return DISCOVERY_PATH.matcher(ResourcePath.withoutQuery(path)).matches();
  }

  /** The discovery document for a discovery path; empty when the group or version is unknown. */
  Optional<KubernetesResource> describe(String pathAndQuery) {
    String path = ResourcePath.withoutQuery(pathAndQuery);
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.equals("/api")) {
      return Optional.of(new APIVersionsBuilder().withVersions("v1").build());
    }
    if (path.equals("/api/v1")) {
      return resourceList("v1");
    }
    Matcher m = DISCOVERY_PATH.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    String group = m.group("group");
    String version = m.group("version");
    if (group == null) {
      return Optional.of(
          new APIGroupListBuilder().withGroups(new ArrayList<>(groups().values())).build());
    }
    if (version == null) {
      return Optional.ofNullable(groups().get(group));
    }
    return resourceList(group + "/" + version);
  }

  /** The kind served at {@code path}'s resource, e.g. "Deployment" for apps/v1 deployments. */
  Optional<String> kindOf(ResourcePath path) {
    return resourceList(path.groupVersion()).stream()
        .flatMap(list -> ((APIResourceList) list).getResources().stream())
        .filter(resource -> resource.getName().equals(path.plural()))
        .map(APIResource::getKind)
        .findFirst();
  }

  private Optional<KubernetesResource> resourceList(String groupVersion) {
    List<APIResource> resources = new ArrayList<>();
    List<APIResource> builtIn = BuiltInApiResources.BY_GROUP_VERSION.get(groupVersion);
    if (builtIn != null) {
      resources.addAll(builtIn);
    }
    for (CustomResourceDefinition crd : crds.get()) {
      for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
        if (Boolean.TRUE.equals(version.getServed())
            && groupVersion.equals(crd.getSpec().getGroup() + "/" + version.getName())) {
          resources.addAll(customResources(crd, version));
        }
      }
    }
    if (builtIn == null && resources.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new APIResourceListBuilder()
            .withGroupVersion(groupVersion)
            .withResources(resources)
            .build());
  }

  private static List<APIResource> customResources(
      CustomResourceDefinition crd, CustomResourceDefinitionVersion version) {
    var names = crd.getSpec().getNames();
    boolean namespaced = "Namespaced".equals(crd.getSpec().getScope());
    List<APIResource> resources = new ArrayList<>();
    resources.add(
        new APIResourceBuilder()
            .withName(names.getPlural())
            .withSingularName(
                names.getSingular() != null ? names.getSingular() : names.getKind().toLowerCase())
            .withNamespaced(namespaced)
            .withKind(names.getKind())
            .withVerbs(
                "delete", "deletecollection", "get", "list", "patch", "create", "update", "watch")
            .withShortNames(names.getShortNames())
            .withCategories(names.getCategories())
            .build());
    if (version.getSubresources() != null && version.getSubresources().getStatus() != null) {
      resources.add(
          new APIResourceBuilder()
              .withName(names.getPlural() + "/status")
              .withSingularName("")
              .withNamespaced(namespaced)
              .withKind(names.getKind())
              .withVerbs("get", "patch", "update")
              .build());
    }
    return resources;
  }

  /** Built-in groups first, then every group declared by a stored CRD. */
  private Map<String, APIGroup> groups() {
    Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
    for (String groupVersion : BuiltInApiResources.BY_GROUP_VERSION.keySet()) {
      int slash = groupVersion.indexOf('/');
      if (slash > 0) {
        versionsByGroup
            .computeIfAbsent(groupVersion.substring(0, slash), g -> new ArrayList<>())
            .add(groupVersion.substring(slash + 1));
      }
    }
    Map<String, String> preferred = new LinkedHashMap<>();
    for (CustomResourceDefinition crd : crds.get()) {
      String group = crd.getSpec().getGroup();
      List<String> versions = versionsByGroup.computeIfAbsent(group, g -> new ArrayList<>());
      for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
        if (Boolean.TRUE.equals(version.getServed()) && !versions.contains(version.getName())) {
          versions.add(version.getName());
        }
        // Approximation: the storage version is preferred (a real server ranks version names).
        if (Boolean.TRUE.equals(version.getStorage())) {
          preferred.putIfAbsent(group, version.getName());
        }
      }
    }
    Map<String, APIGroup> groups = new LinkedHashMap<>();
    versionsByGroup.forEach(
        (group, versions) -> {
          if (!versions.isEmpty()) {
            String preferredVersion = preferred.getOrDefault(group, versions.get(0));
            groups.put(
                group,
                new APIGroupBuilder()
                    .withName(group)
                    .withVersions(versions.stream().map(v -> groupVersion(group, v)).toList())
                    .withPreferredVersion(groupVersion(group, preferredVersion))
                    .build());
          }
        });
    return groups;
  }

  private static GroupVersionForDiscovery groupVersion(String group, String version) {
    return new GroupVersionForDiscovery(group + "/" + version, version);
  }
}
