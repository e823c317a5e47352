package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The risk areas of the release checklist, one owner each. */
public enum OwnerRole {
  @JsonProperty("product")
  PRODUCT,
  @JsonProperty("mlops")
  MLOPS,
  @JsonProperty("security")
  SECURITY,
  @JsonProperty("privacy")
  PRIVACY,
  @JsonProperty("business")
  BUSINESS,
  @JsonProperty("support")
  SUPPORT;

  /** The role as written in specs and in sign-off annotation keys. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every role as written, for messages: "product, mlops, security, ...". */
  public static String listed() {
    return Arrays.stream(values()).map(OwnerRole::value).collect(Collectors.joining(", "));
  }

  /** The role a value names, if it names one exactly. */
  public static Optional<OwnerRole> parse(String value) {
    return Arrays.stream(values()).filter(r -> r.value().equals(value)).findFirst();
  }
}
