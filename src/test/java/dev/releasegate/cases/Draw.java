package dev.releasegate.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The choices a generator makes for one case, all drawn from that case's seed, so the same seed
 * builds the same case again.
 */
public final class Draw {
  /** How often {@link #string(String, int, int, String)} may redraw before giving up. */
  private static final int REDRAWS = 10_000;

  private final RandomGenerator random;

  public Draw(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** True or false, evenly. */
  public boolean coin() {
    return random.nextBoolean();
  }

  /** True with this probability. */
  public boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  /** A number from {@code min} to {@code max}, both included. */
  public int between(int min, int max) {
    return random.nextInt(min, max + 1);
  }

  /** One of the values, each as likely. */
  @SafeVarargs
  public final <T> T oneOf(T... values) {
    return oneOf(List.of(values));
  }

  /** One of the values, each as likely. */
  public <T> T oneOf(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** Null with this probability, otherwise a drawn value. */
  public <T> T orNull(double nullChance, Supplier<T> value) {
    return chance(nullChance) ? null : value.get();
  }

  /** From {@code min} to {@code max} drawn elements, every size as likely. */
  public <T> List<T> list(int min, int max, Supplier<T> element) {
    int size = between(min, max);
    List<T> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(element.get());
    }
    return list;
  }

  /** Each value kept or left out evenly, in the order given; possibly none. */
  public <T> List<T> subsetOf(List<T> values) {
    return values.stream().filter(v -> coin()).toList();
  }

  /** A string of {@code min} to {@code max} characters of {@code alphabet}. */
  public String string(String alphabet, int min, int max) {
    int length = between(min, max);
    StringBuilder string = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      string.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return string.toString();
  }

  /** Like {@link #string(String, int, int)}, drawn again until it matches {@code pattern}. */
  public String string(String alphabet, int min, int max, String pattern) {
    for (int i = 0; i < REDRAWS; i++) {
      String string = string(alphabet, min, max);
      if (string.matches(pattern)) {
        return string;
      }
    }
    throw new IllegalStateException(
        "no string of '" + alphabet + "' matched " + pattern + " in " + REDRAWS + " draws");
  }

  /** One of the choices, each as likely as its weight; a weight of 0 is never chosen. */
  @SafeVarargs
  public final <T> T weighted(Weighted<? extends T>... choices) {
    int total = 0;
    for (Weighted<? extends T> choice : choices) {
      total += choice.weight();
    }
    int drawn = random.nextInt(total);
    int i = 0;
    while (drawn >= choices[i].weight()) {
      drawn -= choices[i].weight();
      i++;
    }
    return choices[i].value().get();
  }

  /** A choice for {@link #weighted}, with its weight. */
  public static <T> Weighted<T> weight(int weight, Supplier<T> value) {
    return new Weighted<>(weight, value);
  }

  public record Weighted<T>(int weight, Supplier<T> value) {}
}
