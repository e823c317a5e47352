package dev.releasegate.api.v1alpha1;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of AI system the release checklist tells apart. */
public enum SystemType {
  FoundationModelWrapper,
  FineTunedModel,
  AgenticSystem;

  /** The system type a spec value names, if it names one exactly. */
  public static Optional<SystemType> parse(String value) {
    return Arrays.stream(values()).filter(t -> t.name().equals(value)).findFirst();
  }
}
