package dev.releasegate.cel;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;
import java.util.Map;

/**
 * CEL as a Kubernetes API server evaluates it, as far as releasegate's expressions need: the
 * standard library and macros, the strings extension (cel-java's own, the same functions as
 * cel-go's that Kubernetes enables), and test doubles for the two Kubernetes libraries cel-java
 * lacks: {@code authorizer} ({@link FakeAuthorizer}) and the lists library's {@code isSorted()}.
 *
 * <p>Every variable is dynamically typed, as it is when Kubernetes evaluates against an object
 * whose schema allows unknown fields; {@code null} stands for JSON null (oldObject on create).
 */
public final class KubernetesCel {
  private static final CelType AUTHORIZER =
      OpaqueType.create("kubernetes.authorization.Authorizer");
  private static final CelType GROUP_CHECK =
      OpaqueType.create("kubernetes.authorization.GroupCheck");
  private static final CelType RESOURCE_CHECK =
      OpaqueType.create("kubernetes.authorization.ResourceCheck");
  private static final CelType DECISION = OpaqueType.create("kubernetes.authorization.Decision");

  private final Cel cel;

  private KubernetesCel(List<String> variables) {
    var builder =
        CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(CelExtensions.strings())
            .addRuntimeLibraries(CelExtensions.strings())
            .addVar("authorizer", AUTHORIZER)
            .addFunctionDeclarations(
                newFunctionDeclaration(
                    "group",
                    newMemberOverload(
                        "authorizer_group", GROUP_CHECK, AUTHORIZER, SimpleType.STRING)),
                newFunctionDeclaration(
                    "resource",
                    newMemberOverload(
                        "groupcheck_resource", RESOURCE_CHECK, GROUP_CHECK, SimpleType.STRING)),
                newFunctionDeclaration(
                    "namespace",
                    newMemberOverload(
                        "resourcecheck_namespace",
                        RESOURCE_CHECK,
                        RESOURCE_CHECK,
                        SimpleType.STRING)),
                newFunctionDeclaration(
                    "name",
                    newMemberOverload(
                        "resourcecheck_name", RESOURCE_CHECK, RESOURCE_CHECK, SimpleType.STRING)),
                newFunctionDeclaration(
                    "check",
                    newMemberOverload(
                        "resourcecheck_check", DECISION, RESOURCE_CHECK, SimpleType.STRING)),
                newFunctionDeclaration(
                    "allowed", newMemberOverload("decision_allowed", SimpleType.BOOL, DECISION)),
                newFunctionDeclaration(
                    "reason", newMemberOverload("decision_reason", SimpleType.STRING, DECISION)),
                newFunctionDeclaration(
                    "isSorted",
                    newMemberOverload(
                        "list_is_sorted", SimpleType.BOOL, ListType.create(SimpleType.DYN))))
            .addFunctionBindings(
                CelFunctionBinding.from(
                    "authorizer_group", FakeAuthorizer.class, String.class, FakeAuthorizer::group),
                CelFunctionBinding.from(
                    "groupcheck_resource",
                    FakeAuthorizer.GroupCheck.class,
                    String.class,
                    FakeAuthorizer.GroupCheck::resource),
                CelFunctionBinding.from(
                    "resourcecheck_namespace",
                    FakeAuthorizer.ResourceCheck.class,
                    String.class,
                    FakeAuthorizer.ResourceCheck::namespace),
                CelFunctionBinding.from(
                    "resourcecheck_name",
                    FakeAuthorizer.ResourceCheck.class,
                    String.class,
                    FakeAuthorizer.ResourceCheck::name),
                CelFunctionBinding.from(
                    "resourcecheck_check",
                    FakeAuthorizer.ResourceCheck.class,
                    String.class,
                    FakeAuthorizer.ResourceCheck::check),
                CelFunctionBinding.from(
                    "decision_allowed",
                    FakeAuthorizer.Decision.class,
                    FakeAuthorizer.Decision::allowed),
                CelFunctionBinding.from(
                    "decision_reason",
                    FakeAuthorizer.Decision.class,
                    FakeAuthorizer.Decision::reason),
                CelFunctionBinding.from("list_is_sorted", List.class, KubernetesCel::isSorted));
    variables.forEach(v -> builder.addVar(v, SimpleType.DYN));
    this.cel = builder.build();
  }

  /** For an admission policy: object, oldObject, request, params, variables and authorizer. */
  public static KubernetesCel admission() {
    return new KubernetesCel(List.of("object", "oldObject", "request", "params", "variables"));
  }

  /** For a CRD's x-kubernetes-validations rule: self (and oldSelf for transition rules). */
  public static KubernetesCel crdRule() {
    return new KubernetesCel(List.of("self", "oldSelf"));
  }

  /** Compiles and type-checks an expression, failing with the compiler's message. */
  public CelAbstractSyntaxTree compile(String expression) {
    try {
      return cel.compile(expression).getAst();
    } catch (CelValidationException e) {
      throw new IllegalArgumentException(
          "does not compile: " + expression + "\n" + e.getMessage(), e);
    }
  }

  /**
   * Evaluates an expression against these variables, given as JSON-like trees (maps, lists,
   * strings, numbers, booleans, null) or test doubles.
   */
  public Object evaluate(String expression, Map<String, ?> variables) {
    Map<String, Object> bound = new java.util.HashMap<>();
    variables.forEach((name, value) -> bound.put(name, celValue(value)));
    try {
      return cel.createProgram(compile(expression)).eval(bound);
    } catch (CelEvaluationException e) {
      throw new IllegalStateException("cannot evaluate " + expression + ": " + e.getMessage(), e);
    }
  }

  /** JSON's values as CEL's: integers are 64-bit, null is CEL's null. */
  private static Object celValue(Object value) {
    if (value == null) {
      return NullValue.NULL_VALUE;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> converted = new java.util.LinkedHashMap<>();
      map.forEach((k, v) -> converted.put(k, celValue(v)));
      return converted;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(KubernetesCel::celValue).toList();
    }
    return value;
  }

  /**
   * Kubernetes' {@code <list>.isSorted()}: whether each element is at least the one before it
   * (k8s.io/apiserver/pkg/cel/library/lists.go; cel-java has no such function).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean isSorted(List list) {
    for (int i = 1; i < list.size(); i++) {
      if (((Comparable) list.get(i - 1)).compareTo(list.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }
}
