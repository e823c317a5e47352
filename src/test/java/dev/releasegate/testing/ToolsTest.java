package dev.releasegate.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolsTest {

  @Test
  void findsTheFirstExecutableOnThePathAsAShellWould(@TempDir Path dir) throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Path notExecutable = file(dir.resolve("plain"), "rw-r--r--");
    Path first = file(dir.resolve("first"), "rwxr-xr-x");
    Path second = file(dir.resolve("second"), "rwxr-xr-x");
    String path =
        String.join(
            File.pathSeparator, "", empty + "", notExecutable + "", first + "", second + "");

    assertThat(Tools.find("tool", path)).contains(first.resolve("tool"));
  }

  @Test
  void aMissingToolFailsSayingHowToGetIt() {
    assertThatThrownBy(() -> Tools.onPath("releasegate-no-such-tool", "apt-get install it"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("releasegate-no-such-tool is not on the PATH (")
        .hasMessageEndingWith("); apt-get install it");
  }

  /** A folder holding a file named {@code tool} with these permissions. */
  private static Path file(Path folder, String permissions) throws Exception {
    Files.createDirectories(folder);
    Path tool = Files.writeString(folder.resolve("tool"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString(permissions));
    return folder;
  }
}
