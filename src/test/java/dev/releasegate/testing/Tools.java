package dev.releasegate.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The machine's own programs that tests run (kubectl, prometheus), found on the PATH as a shell
 * finds them, so a machine that installs them elsewhere than Debian does still runs the tests.
 */
public final class Tools {
  private Tools() {}

  /**
   * The first executable {@code name} on the PATH. A missing tool fails the test that needs it,
   * saying how to get it: these tests exist to prove the tool works with releasegate, so passing by
   * skipping would hide exactly what they check.
   */
  public static Path onPath(String name, String howToGet) {
    String path = System.getenv().getOrDefault("PATH", "");
    return find(name, path)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    name + " is not on the PATH (" + path + "); " + howToGet));
  }

  static Optional<Path> find(String name, String path) {
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, name))
        .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
        .findFirst();
  }
}
