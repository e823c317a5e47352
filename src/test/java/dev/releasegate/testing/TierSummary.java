package dev.releasegate.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints one line when a tier's tests are done: which tier, how many tests, how long. Surefire and
 * Failsafe print each class's time but not their own, and the three tiers' runs look alike in the
 * build's output. pom.xml names the tier in the system property {@value #TIER}; a run without it
 * (an IDE's) prints nothing. Registered through META-INF/services.
 */
public final class TierSummary implements TestExecutionListener {
  static final String TIER = "releasegate.tier";

  private final AtomicInteger tests = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger skipped = new AtomicInteger();
  private long started;

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    started = System.nanoTime();
  }

  @Override
  public void executionSkipped(TestIdentifier identifier, String reason) {
    if (identifier.isTest()) {
      skipped.incrementAndGet();
    }
  }

  @Override
  public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
    if (identifier.isTest()) {
      tests.incrementAndGet();
      if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
        failed.incrementAndGet();
      }
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    String tier = System.getProperty(TIER);
    if (tier != null && !tier.isBlank()) {
      System.out.println(line(tier, Duration.ofNanos(System.nanoTime() - started)));
    }
  }

  String line(String tier, Duration took) {
    return String.format(
        "%s: %d tests, %d failed, %d skipped, in %.1f s",
        tier, tests.get(), failed.get(), skipped.get(), took.toMillis() / 1000.0);
  }
}
