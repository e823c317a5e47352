package dev.releasegate.lifecycle;

/** A Kubernetes Event the decision wants recorded on the release. */
public record ReleaseEvent(Type type, String reason, String message) {
  /** Kubernetes' two event types. */
  public enum Type {
    Normal,
    Warning
  }

  static ReleaseEvent normal(String reason, String message) {
    return new ReleaseEvent(Type.Normal, reason, message);
  }

  static ReleaseEvent warning(String reason, String message) {
    return new ReleaseEvent(Type.Warning, reason, message);
  }
}
