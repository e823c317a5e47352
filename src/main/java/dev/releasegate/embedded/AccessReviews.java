package dev.releasegate.embedded;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * An allow-all authorizer for {@code authorization.k8s.io} reviews.
 *
 * <p>The embedded server has no RBAC; every caller may do everything. The mock would store a review
 * like any object (or answer 422), but JOSDK's leader election first POSTs a SelfSubjectRulesReview
 * and refuses to start unless the answer grants the lease verbs, and {@code kubectl auth can-i}
 * posts a SelfSubjectAccessReview.
 */
final class AccessReviews {

  private static final String GROUP = "authorization.k8s.io";
  private static final String RULES_REVIEW = "selfsubjectrulesreviews";
  private static final Set<String> ACCESS_REVIEWS =
      Set.of("selfsubjectaccessreviews", "subjectaccessreviews", "localsubjectaccessreviews");

  private AccessReviews() {}

  static boolean isReview(ResourcePath path) {
    return GROUP.equals(path.group())
        && path.isCollection()
        && (RULES_REVIEW.equals(path.plural()) || ACCESS_REVIEWS.contains(path.plural()));
  }

  /** The review as posted, with a status granting everything. */
  static ObjectNode answer(ResourcePath path, ObjectNode review) {
    ObjectNode status = review.putObject("status");
    if (RULES_REVIEW.equals(path.plural())) {
      ObjectNode resourceRule = status.putArray("resourceRules").addObject();
      wildcard(resourceRule.putArray("verbs"));
      wildcard(resourceRule.putArray("apiGroups"));
      wildcard(resourceRule.putArray("resources"));
      ObjectNode nonResourceRule = status.putArray("nonResourceRules").addObject();
      wildcard(nonResourceRule.putArray("verbs"));
      wildcard(nonResourceRule.putArray("nonResourceURLs"));
      status.put("incomplete", false);
    } else {
      status.put("allowed", true);
      status.put("reason", "the embedded API server authorizes every request");
    }
    return review;
  }

  private static void wildcard(ArrayNode values) {
    values.add("*");
  }
}
