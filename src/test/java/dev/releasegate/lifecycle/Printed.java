package dev.releasegate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands status prints for the release {@code assistant} in {@code ml}, as the fast tier
 * reads them. It runs no shell: the one thing a printed value leaves to the shell, its {@code by=}
 * (the pasting person's user name from {@code kubectl auth whoami}), is filled in here with the
 * name of whoever pastes it. The cluster tier pastes the same commands through bash with the real
 * kubectl.
 */
final class Printed {
  /** What a printed command writes after {@code by=}, for the shell to run. */
  static final String WHOAMI = Commands.WHOAMI;

  private Printed() {}

  /** The command that sets {@code key} to {@code fields} and the pasting person's by=. */
  static String command(String key, String fields) {
    return "kubectl annotate --overwrite -n ml mrel assistant "
        + key
        + "=\""
        + (fields.isEmpty() ? "" : fields + "; ")
        + "by="
        + WHOAMI
        + "\"";
  }

  /** The value the printed command for {@code key} writes when {@code user} pastes it. */
  static String value(String message, String key, String user) {
    Matcher printed = Pattern.compile(Pattern.quote(key) + "=\"([^\"]+)\"").matcher(message);
    assertThat(printed.find()).as("a %s command in: %s", key, message).isTrue();
    String value = printed.group(1);
    assertThat(value).as("the printed %s names who pastes it", key).endsWith("by=" + WHOAMI);
    return value.replace(WHOAMI, user);
  }
}
