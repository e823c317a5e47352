package dev.releasegate.embedded;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code kubectl auth whoami}: the commands releasegate prints write {@code by=$(kubectl auth
 * whoami ...)}, and must work when pasted against the embedded API too. The embedded API
 * authenticates no one, so every caller is the one user its kubeconfig names. kubectl posts the
 * review in protobuf, which this server does not read; the review carries nothing but the question,
 * so the answer does not need it.
 */
final class SelfSubjectReviews {
  private static final String GROUP = "authentication.k8s.io";

  private SelfSubjectReviews() {}

  static boolean isReview(ResourcePath path) {
    return GROUP.equals(path.group())
        && path.isCollection()
        && "selfsubjectreviews".equals(path.plural());
  }

  /** The review kubectl asked for, answered as the kubeconfig's user. */
  static ObjectNode answer(ResourcePath path) {
    ObjectNode review = JsonNodeFactory.instance.objectNode();
    review.put("apiVersion", GROUP + "/" + path.version());
    review.put("kind", "SelfSubjectReview");
    review.putObject("metadata");
    ObjectNode user = review.putObject("status").putObject("userInfo");
    user.put("username", EmbeddedKubernetesApi.USER);
    user.putArray("groups").add("system:masters").add("system:authenticated");
    return review;
  }
}
