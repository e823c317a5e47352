package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How much harm a bad release could do; high means stricter gates. */
public enum RiskTier {
  @JsonProperty("standard")
  STANDARD,
  @JsonProperty("high")
  HIGH;

  /** The value as written in a spec. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The tier a spec value names; absent means standard. */
  public static Optional<RiskTier> parse(String value) {
    if (value == null) {
      return Optional.of(STANDARD);
    }
    return Arrays.stream(values()).filter(t -> t.value().equals(value)).findFirst();
  }
}
