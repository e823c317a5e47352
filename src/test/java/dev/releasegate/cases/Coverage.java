package dev.releasegate.cases;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the cases of one property reached, counted under labels, and how often they must reach it. A
 * generator that stopped reaching a state would let the property pass without testing it, so a
 * property that falls short of its coverage fails instead.
 */
public final class Coverage {
  private final Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
  private final String run;
  private final boolean oneCase;

  Coverage(String run, boolean oneCase) {
    this.run = run;
    this.oneCase = oneCase;
  }

  /** Counts what one case reached under this label. */
  public void count(String label, Object value) {
    counts
        .computeIfAbsent(label, l -> new TreeMap<>())
        .merge(String.valueOf(value), 1, Integer::sum);
  }

  /**
   * Fails unless at least {@code percent} of the cases counted under {@code label} reached {@code
   * value}. A single case run again by its seed is not checked: one case covers nothing.
   */
  public void require(String label, Object value, double percent) {
    if (oneCase) {
      return;
    }
    Map<String, Integer> seen = counts.getOrDefault(label, Map.of());
    int cases = seen.values().stream().mapToInt(Integer::intValue).sum();
    int reached = seen.getOrDefault(String.valueOf(value), 0);
    if (cases == 0 || 100.0 * reached / cases < percent) {
      throw new AssertionError(
          String.format(
              "'%s' was %s in %d of %d cases, fewer than %s%%: the generators no longer reach it"
                  + " often enough to test it (%s; all counted: %s)",
              label, value, reached, cases, percent, run, seen));
    }
  }
}
