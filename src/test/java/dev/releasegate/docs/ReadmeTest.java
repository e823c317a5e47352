package dev.releasegate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README starts with the two commands: the first runs the demo, the second runs the whole
 * suite, and CI ({@code .ci/run}) runs exactly that second command.
 */
class ReadmeTest {

  @Test
  void theReadmeStartsWithTheTwoCommandsAndCiRunsTheSecond() throws IOException {
    List<String> readme = Files.readAllLines(Path.of("README.md"));
    int open = readme.indexOf("```bash");
    assertThat(readme.subList(0, open))
        .as("nothing but the title and what it is comes before the commands")
        .noneMatch(line -> line.startsWith("## ") || line.startsWith("```"));
    int close = readme.subList(open + 1, readme.size()).indexOf("```") + open + 1;
    List<String> commands = readme.subList(open + 1, close);

    assertThat(commands).hasSize(2);
    assertThat(commands.get(0))
        .as("the first command builds the operator and runs its embedded demo")
        .isEqualTo("mvn -q -DskipTests package && java -jar target/releasegate.jar");
    assertThat(ciCommands())
        .as(".ci/run runs exactly the README's test command")
        .containsExactly(commands.get(1));
  }

  /** The Maven invocations of .ci/run. */
  private static List<String> ciCommands() throws IOException {
    return Files.readAllLines(Path.of(".ci/run")).stream()
        .map(String::strip)
        .filter(line -> line.startsWith("mvn "))
        .toList();
  }
}
