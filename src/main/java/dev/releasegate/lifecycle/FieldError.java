package dev.releasegate.lifecycle;

/** One problem with a spec, named by its field path so a person can find it. */
public record FieldError(String field, String problem) {
  @Override
  public String toString() {
    return field + ": " + problem;
  }
}
