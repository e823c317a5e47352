package dev.releasegate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kubectl command the operator printed in a message, as a person selects and pastes it: from
 * {@code kubectl} to the annotation, split into words as a POSIX shell splits them.
 */
final class Pasted {
  private static final Pattern WORD = Pattern.compile("'([^']*)'|\"([^\"]*)\"|([^\\s'\"]+)");

  private Pasted() {}

  /**
   * The arguments after {@code kubectl} of the printed command that sets or removes {@code key}.
   */
  static String[] command(String message, String key) {
    int start = -1;
    for (int at = message.indexOf("kubectl "); at >= 0; at = message.indexOf("kubectl ", at + 1)) {
      int end = message.indexOf("kubectl ", at + 1);
      String candidate = end < 0 ? message.substring(at) : message.substring(at, end);
      if (candidate.contains(" " + key)) {
        start = at;
        break;
      }
    }
    assertThat(start).as("a kubectl command for %s in: %s", key, message).isNotNegative();
    List<String> words = words(message.substring(start + "kubectl ".length()));
    List<String> command = new ArrayList<>();
    for (String word : words) {
      if (word.startsWith(key)) {
        // Sentence punctuation after an unquoted value is not part of it.
        command.add(word.replaceAll("[).,]+$", ""));
        break;
      }
      command.add(word);
    }
    return command.toArray(String[]::new);
  }

  /** Words as a POSIX shell splits them: quotes join, spaces split. */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    Matcher word = WORD.matcher(text);
    StringBuilder current = new StringBuilder();
    int end = 0;
    while (word.find()) {
      if (word.start() > end && current.length() > 0) {
        words.add(current.toString());
        current.setLength(0);
      }
      current.append(
          word.group(1) != null
              ? word.group(1)
              : word.group(2) != null ? word.group(2) : word.group(3));
      end = word.end();
    }
    if (current.length() > 0) {
      words.add(current.toString());
    }
    return words;
  }
}
