package dev.releasegate.testing;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;

/**
 * Which tier each test class runs in, checked from the compiled classes so the fast tier stays
 * fast: a class that starts the embedded API or any process (kubectl, Prometheus, a child JVM, a
 * script), directly or through a helper such as {@code OperatorHarness}, must be marked {@link
 * Integration}; a class marked so must start one of them. Real-control-plane tests are named {@code
 * *IT} and run in their own Failsafe execution.
 */
class TiersTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter().importPackages("dev.releasegate");

  /**
   * Everything slow starts here: every embedded API is an {@code EmbeddedKubernetesApi}, and every
   * process this code base runs is started with a {@code ProcessBuilder}. Named rather than written
   * as class literals, which would make this test depend on them too; a rename still fails it, as
   * the integration tier would then start nothing.
   */
  private static final DescribedPredicate<JavaClass> STARTER =
      belongTo(name("dev.releasegate.embedded.EmbeddedKubernetesApi"))
          .or(name("java.lang.ProcessBuilder"))
          .as("start the embedded API or a process (EmbeddedKubernetesApi, ProcessBuilder)");

  private static final DescribedPredicate<JavaClass> STARTING_SOMETHING =
      describe(
          STARTER.getDescription() + ", directly or through other classes",
          c ->
              c.getTransitiveDependenciesFromSelf().stream()
                  .anyMatch(d -> STARTER.test(d.getTargetClass())));

  /** JUnit's own mark of a test: every Jupiter test annotation carries it. */
  private static final DescribedPredicate<JavaClass> TEST_CLASSES =
      describe(
          "are test classes",
          c -> c.getMethods().stream().anyMatch(m -> m.isMetaAnnotatedWith(Testable.class)));

  /** The classes Surefire and the integration tier pick; each takes those of its own mark. */
  private static final DescribedPredicate<JavaClass> NAMED_TEST =
      describe("are named *Test", c -> c.getSimpleName().endsWith("Test"));

  @Test
  void whatStartsTheApiOrAProcessIsInTheIntegrationTier() {
    classes()
        .that(TEST_CLASSES)
        .and(NAMED_TEST)
        .and(STARTING_SOMETHING)
        .should()
        .beAnnotatedWith(Integration.class)
        .because("mvn test runs every *Test class not marked so, and must take seconds")
        .check(CLASSES);
  }

  @Test
  void theIntegrationTierHoldsOnlyWhatNeedsIt() {
    classes()
        .that()
        .areAnnotatedWith(Integration.class)
        .should()
        .transitivelyDependOnClassesThat(STARTER)
        .because("a test that starts nothing belongs in the fast tier")
        .check(CLASSES);
  }

  @Test
  void everyTestClassIsInATier() {
    classes()
        .that(TEST_CLASSES)
        .should()
        .haveSimpleNameEndingWith("Test")
        .orShould()
        .haveSimpleNameEndingWith("IT")
        .because(
            "Surefire and Failsafe pick test classes by name: a *Test runs in the fast or the"
                + " integration tier, by its mark; an *IT on the real control plane")
        .check(CLASSES);
  }
}
