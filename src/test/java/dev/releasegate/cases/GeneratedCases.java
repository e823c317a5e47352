package dev.releasegate.cases;

import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.TestInfo;

/**
 * Runs a property test over a fixed number of generated cases. Each case is built from its own
 * seed, the n-th number drawn from the base seed and the test's name, so a failing case prints the
 * seed that builds it again and the command that runs it alone. There is no shrinking: a property's
 * smallest known counterexamples are kept by hand as example tests.
 *
 * <p>The base seed is fixed, so every build checks the same cases. Two system properties, passed
 * through by Surefire: {@value #SEED} (hex) checks other cases, {@value #CASE} (hex) runs only the
 * case with that seed.
 */
public final class GeneratedCases {
  public static final String SEED = "releasegate.seed";
  public static final String CASE = "releasegate.case";

  private static final long FIXED_SEED = 0x5eed_2026_1201L;

  private final String test;
  private final int count;

  private GeneratedCases(String test, int count) {
    this.test = test;
    this.count = count;
  }

  /** {@code count} cases of the running test method, which names them in the rerun command. */
  public static GeneratedCases of(TestInfo test, int count) {
    return new GeneratedCases(
        test.getTestClass().orElseThrow().getSimpleName()
            + "#"
            + test.getTestMethod().orElseThrow().getName(),
        count);
  }

  /**
   * Builds each case with {@code generate} and checks it with {@code property}, which may count
   * what the case reached. Stops at the first case that fails, with its seed, the case as text and
   * how to run it again; returns the coverage for the test to require.
   */
  public <T> Coverage check(Function<Draw, T> generate, BiConsumer<T, Coverage> property) {
    Optional<Long> only = seed(CASE);
    if (only.isPresent()) {
      Coverage coverage = new Coverage("one case", true);
      checkCase("", only.get(), generate, property, coverage);
      return coverage;
    }
    long base = seed(SEED).orElse(FIXED_SEED);
    String run = count + " cases from base seed " + Long.toHexString(base);
    Coverage coverage = new Coverage(run, false);
    // The test's name joins the base seed, so each property checks cases of its own.
    SplittableRandom seeds = new SplittableRandom(base ^ test.hashCode());
    for (int n = 1; n <= count; n++) {
      checkCase("case " + n + " of " + run + ", ", seeds.nextLong(), generate, property, coverage);
    }
    return coverage;
  }

  private <T> void checkCase(
      String which,
      long seed,
      Function<Draw, T> generate,
      BiConsumer<T, Coverage> property,
      Coverage coverage) {
    T value = null;
    try {
      value = generate.apply(new Draw(seed));
      property.accept(value, coverage);
    } catch (Exception | AssertionError failure) {
      throw new AssertionError(
          String.format(
              "%scase seed %s, failed:%n%s%n%s%nRun this case alone:%n  %s%n",
              which,
              Long.toHexString(seed),
              failure instanceof AssertionError ? failure.getMessage() : failure,
              value == null ? "(the case was not generated)" : value,
              rerun(seed)),
          failure);
    }
  }

  private String rerun(long seed) {
    return "mvn -q test-compile && mvn surefire:test -Dtest='"
        + test
        + "' -D"
        + CASE
        + "="
        + Long.toHexString(seed);
  }

  private static Optional<Long> seed(String property) {
    return Optional.ofNullable(System.getProperty(property))
        .map(String::trim)
        .filter(v -> !v.isEmpty())
        .map(v -> Long.parseUnsignedLong(v.replaceFirst("^0[xX]", ""), 16));
  }
}
