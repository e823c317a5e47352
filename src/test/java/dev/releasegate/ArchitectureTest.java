package dev.releasegate;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.releasegate.analysis.ActiveAnalysis;
import dev.releasegate.analysis.AnalysisPlan;
import dev.releasegate.analysis.Measurement;
import dev.releasegate.analysis.MetricQuery;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layout tells the architecture: the pure core decides (what a release may do next,
 * which gates pass, which measurements are due and what they mean) and the shell acts on it (talks
 * to the API server, writes traffic, serves metrics, runs the demo). The core never reaches into
 * the shell, so every decision is tested without a server, a file or a process.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.releasegate");

  /**
   * Analysis's pure decisions, and arrays of them; its providers and the workers that ask metric
   * sources are shell.
   */
  private static final DescribedPredicate<JavaClass> ANALYSIS_RULES =
      describe(
          "analysis's rules",
          c ->
              belongToAnyOf(
                      AnalysisPlan.class,
                      ActiveAnalysis.class,
                      Measurement.class,
                      MetricQuery.class)
                  .test(c.getBaseComponentType()));

  private static final DescribedPredicate<JavaClass> CORE =
      resideInAnyPackage(
              "dev.releasegate.api..", "dev.releasegate.gate..", "dev.releasegate.lifecycle..")
          .or(ANALYSIS_RULES)
          .as("belong to the pure core (api, gate, lifecycle, and analysis's rules)");

  /** What the core must not use, each part named so a violation says which. */
  private static final List<DescribedPredicate<JavaClass>> SHELL =
      List.of(
          resideInAPackage("dev.releasegate.operator..").as("belong to the operator"),
          resideInAPackage("dev.releasegate.traffic..")
              .as("belong to traffic, which writes routes and deployments"),
          resideInAPackage("dev.releasegate.observability..").as("belong to observability"),
          resideInAPackage("dev.releasegate.demo..").as("belong to the demo"),
          resideInAPackage("dev.releasegate.embedded..").as("belong to the embedded API"),
          // By name: Releasegate.class would make this test reach the demo, and TiersTest would
          // take it for one that starts the embedded API.
          belongTo(name("dev.releasegate.Releasegate")).as("are the command line"),
          resideInAPackage("dev.releasegate.analysis")
              .and(not(ANALYSIS_RULES))
              .as("are analysis's providers or measurement workers"),
          // CustomResource is the base class of the ModelRelease model, not a way to call a server.
          resideInAPackage("io.fabric8.kubernetes.client..")
              .and(not(name("io.fabric8.kubernetes.client.CustomResource")))
              .as("belong to the Fabric8 client"),
          resideInAPackage("io.javaoperatorsdk..").as("belong to JOSDK"));

  /** The JDK's own ways out of the process. */
  private static final DescribedPredicate<JavaClass> JDK_IO =
      resideInAnyPackage("java.net..", "java.nio.file..", "java.nio.channels..")
          .or(nameStartingWith("java.io.File"))
          .or(name("java.lang.ProcessBuilder"))
          .as("reach the network, files or processes");

  @Test
  void theCoreNeverUsesTheShell() {
    for (DescribedPredicate<JavaClass> part : SHELL) {
      noClasses()
          .that(CORE)
          .should()
          .dependOnClassesThat(part)
          .because("the core decides and the shell acts; the shell may use the core, never back")
          .check(MAIN);
    }
  }

  @Test
  void theCoreDoesNoIoOfItsOwn() {
    noClasses()
        .that(CORE)
        .should()
        .dependOnClassesThat(JDK_IO)
        .because("its decisions are tested without a server, a file or a process")
        .check(MAIN);
  }

  /**
   * Each part the core must not use is used elsewhere, so a rule above cannot pass only because a
   * package was renamed and its predicate now names nothing.
   */
  @Test
  void everyPartTheCoreMustNotUseExists() {
    for (DescribedPredicate<JavaClass> part :
        Stream.concat(SHELL.stream(), Stream.of(JDK_IO)).toList()) {
      assertThat(MAIN)
          .as("some main class depends on classes that %s", part.getDescription())
          .anySatisfy(
              c ->
                  assertThat(c.getDirectDependenciesFromSelf())
                      .anyMatch(d -> part.test(d.getTargetClass())));
    }
  }

  /**
   * The lifecycle's rules decide and return outcomes; none calls another that calls it back, so
   * each reads alone. {@code Draft}, the decision every rule reads and writes, is left out: it is
   * the context, not a rule.
   */
  @Test
  void theLifecycleRulesCallEachOtherInOneDirectionOnly() {
    String lifecycle = "dev.releasegate.lifecycle.";
    Map<String, Set<String>> uses = new TreeMap<>();
    for (JavaClass c : MAIN) {
      String from = topLevel(c);
      if (!from.startsWith(lifecycle) || from.equals(lifecycle + "Draft")) {
        continue;
      }
      Set<String> targets = uses.computeIfAbsent(from, k -> new TreeSet<>());
      for (var dependency : c.getDirectDependenciesFromSelf()) {
        String to = topLevel(dependency.getTargetClass());
        if (to.startsWith(lifecycle) && !to.equals(from) && !to.equals(lifecycle + "Draft")) {
          targets.add(to);
        }
      }
    }
    assertThat(uses).containsKeys(lifecycle + "CanaryProgress", lifecycle + "Rehearsal");
    for (String start : uses.keySet()) {
      assertThat(cycleThrough(start, start, uses, new ArrayDeque<>(), new HashSet<>()))
          .as("a cycle between lifecycle classes")
          .isEmpty();
    }
  }

  private static String topLevel(JavaClass c) {
    String name = c.getBaseComponentType().getName();
    int nested = name.indexOf('$');
    return nested < 0 ? name : name.substring(0, nested);
  }

  /** The path from {@code at} back to {@code start}, if the dependencies lead there. */
  private static List<String> cycleThrough(
      String start,
      String at,
      Map<String, Set<String>> uses,
      Deque<String> path,
      Set<String> seen) {
    path.addLast(at);
    for (String next : uses.getOrDefault(at, Set.of())) {
      if (next.equals(start)) {
        List<String> cycle = new ArrayList<>(path);
        cycle.add(start);
        return cycle;
      }
      if (seen.add(next)) {
        List<String> found = cycleThrough(start, next, uses, path, seen);
        if (!found.isEmpty()) {
          return found;
        }
      }
    }
    path.removeLast();
    return List.of();
  }
}
