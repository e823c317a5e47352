package dev.releasegate.gate;

/**
 * How gate reasons are written: each problem is a fragment joined into one sentence, so a problem
 * that arrives as a sentence of its own loses its full stop.
 */
final class Sentences {
  private Sentences() {}

  /** The text as a fragment to embed in a reason, or the fallback when there is none. */
  static String fragment(String sentence, String fallback) {
    String text = sentence == null || sentence.isBlank() ? fallback : sentence.strip();
    while (text.endsWith(".")) {
      text = text.substring(0, text.length() - 1).stripTrailing();
    }
    return text;
  }

  /** "1 metric", "3 metrics". */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
