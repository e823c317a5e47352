package dev.releasegate.api.v1alpha1;

import java.util.Optional;

/** The kinds of AI system the release checklist tells apart. */
public enum SystemType {
  FoundationModelWrapper,
  FineTunedModel,
  AgenticSystem;

  /** The system type a spec value names, if it names one exactly. */
  public static Optional<SystemType> parse(String value) {
    return SpecValues.named(values(), value);
  }
}
