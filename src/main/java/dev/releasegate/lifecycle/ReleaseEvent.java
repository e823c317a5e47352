package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.Reason;

/** A Kubernetes Event the decision wants recorded on the release. */
public record ReleaseEvent(Type type, String reason, String message) {
  /** Kubernetes' two event types. */
  public enum Type {
    Normal,
    Warning
  }

  /** The operator's Event for a reason: a Warning when the reason stops a release. */
  static ReleaseEvent of(Reason reason, String message) {
    return new ReleaseEvent(reason.warning() ? Type.Warning : Type.Normal, reason.name(), message);
  }
}
