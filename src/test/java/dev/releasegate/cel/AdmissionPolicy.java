package dev.releasegate.cel;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a ValidatingAdmissionPolicy as the API server does for one request: its variables in
 * order (each may use the ones before), then every validation; a false one denies with its
 * messageExpression's text.
 */
final class AdmissionPolicy {
  private final ValidatingAdmissionPolicy policy;
  private final KubernetesCel cel = KubernetesCel.admission();

  AdmissionPolicy(ValidatingAdmissionPolicy policy) {
    this.policy = policy;
  }

  /** The request an API server would pass the policy. */
  record Request(
      String username,
      Map<String, Object> object,
      Map<String, Object> oldObject,
      FakeAuthorizer authorizer) {}

  /** Allowed, or denied with each failed validation's message. */
  record Verdict(List<String> denials) {
    boolean allowed() {
      return denials.isEmpty();
    }
  }

  Verdict admit(Request request) {
    Map<String, Object> bindings = new HashMap<>();
    bindings.put("object", request.object());
    bindings.put("oldObject", request.oldObject());
    bindings.put(
        "request",
        Map.of(
            "operation",
            request.oldObject() == null ? "CREATE" : "UPDATE",
            "userInfo",
            Map.of("username", request.username())));
    bindings.put("params", null);
    bindings.put("authorizer", request.authorizer());
    Map<String, Object> variables = new LinkedHashMap<>();
    bindings.put("variables", variables);
    for (Variable variable : policy.getSpec().getVariables()) {
      variables.put(variable.getName(), cel.evaluate(variable.getExpression(), bindings));
    }
    List<String> denials = new ArrayList<>();
    for (Validation validation : policy.getSpec().getValidations()) {
      if (!Boolean.TRUE.equals(cel.evaluate(validation.getExpression(), bindings))) {
        denials.add(String.valueOf(cel.evaluate(validation.getMessageExpression(), bindings)));
      }
    }
    return new Verdict(denials);
  }
}
