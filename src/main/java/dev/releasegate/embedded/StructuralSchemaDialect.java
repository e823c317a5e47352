package dev.releasegate.embedded;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.OpenApi30;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.util.Set;

/**
 * How the JSON Schema library reads a CRD's {@code openAPIV3Schema}: as OpenAPI 3.0 (JSON Schema
 * draft 4 plus {@code nullable}), which is what a CRD schema is.
 *
 * <ul>
 *   <li>{@code nullable: true} lets a field be null; a null field without it is dropped before
 *       validation by {@link StructuralPruning}, as a real server does, not refused;
 *   <li>the {@code x-kubernetes-*} extensions are known but check nothing here: the unknown-field
 *       behaviour they change is {@link StructuralPruning}'s, and the rest (CEL rules, list types,
 *       embedded resources) is not emulated;
 *   <li>{@code format} is checked only for the formats whose meaning the library and a real server
 *       share. A real server ignores formats it does not know and reads {@code duration} as a Go
 *       duration ({@code 1h30m}) where the library expects ISO 8601, so every other format is
 *       ignored rather than risk refusing what a cluster accepts.
 * </ul>
 */
final class StructuralSchemaDialect {

  /** The extensions a CRD schema may carry (apiextensions.k8s.io/v1 JSONSchemaProps). */
  private static final Set<String> KUBERNETES_EXTENSIONS =
      Set.of(
          "x-kubernetes-preserve-unknown-fields",
          "x-kubernetes-embedded-resource",
          "x-kubernetes-int-or-string",
          "x-kubernetes-list-type",
          "x-kubernetes-list-map-keys",
          "x-kubernetes-map-type",
          "x-kubernetes-validations");

  /** Formats a real server checks with the same meaning as the library. */
  private static final Set<String> CHECKED_FORMATS =
      Set.of("date-time", "date", "ipv4", "ipv6", "uuid");

  private static final String ID = "https://releasegate.dev/embedded/crd-openapi-v3-schema";

  private StructuralSchemaDialect() {}

  /** A registry whose schemas are read with this dialect and report every error, not the first. */
  static SchemaRegistry registry() {
    Dialect.Builder dialect = Dialect.builder(ID, OpenApi30.getInstance());
    KUBERNETES_EXTENSIONS.forEach(keyword -> dialect.keyword(new NonValidationKeyword(keyword)));
    dialect.formats(formats -> formats.keySet().retainAll(CHECKED_FORMATS));
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder().formatAssertionsEnabled(true).failFast(false).build();
    return SchemaRegistry.withDialect(
        dialect.build(), registry -> registry.schemaRegistryConfig(config));
  }
}
