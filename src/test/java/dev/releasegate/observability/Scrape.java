package dev.releasegate.observability;

import java.util.Arrays;
import java.util.Optional;

/** Reads one sample out of a Prometheus text-format scrape, as a dashboard query would. */
public final class Scrape {
  private final String text;

  public Scrape(String text) {
    this.text = text;
  }

  /**
   * The value of the sample named {@code name} whose labels include every {@code label="value"}
   * given, if there is one.
   */
  public Optional<Double> value(String name, String... labels) {
    return Arrays.stream(text.split("\n"))
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> Arrays.stream(labels).allMatch(line::contains))
        .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst();
  }

  /** Whether any sample mentions this text (a label pair, a name). */
  public boolean mentions(String fragment) {
    return Arrays.stream(text.split("\n"))
        .anyMatch(l -> !l.startsWith("#") && l.contains(fragment));
  }

  @Override
  public String toString() {
    return text;
  }
}
