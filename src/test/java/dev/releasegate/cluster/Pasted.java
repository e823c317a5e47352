package dev.releasegate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kubectl command the operator printed in a message, as a person selects it to paste into bash:
 * from {@code kubectl} to the annotation's value, quotes and command substitution included, and
 * without the sentence punctuation around it. Tests run it with {@code Kubectl.paste}, so the shell
 * reads the quotes and runs {@code $(kubectl auth whoami ...)} as the pasting person.
 */
final class Pasted {
  private Pasted() {}

  /** The printed command that sets or removes {@code key} on a release. */
  static String command(String message, String key) {
    Matcher printed =
        Pattern.compile(
                "kubectl annotate (--overwrite )?-n \\S+ mrel \\S+ "
                    + Pattern.quote(key)
                    + "(-|=\"[^\"]*\"|=[A-Za-z0-9._/:=+-]+)")
            .matcher(message);
    assertThat(printed.find()).as("a kubectl command for %s in: %s", key, message).isTrue();
    return printed.group();
  }
}
