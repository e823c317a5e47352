package dev.releasegate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every relative link in the README and the pages under docs/ leads somewhere: to a file or folder
 * of the repository, and for a {@code #anchor} to a heading that page has. A link out of the
 * repository is refused too: the docs name only what the repository holds.
 */
class DocLinksTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();

  /** README.md and every Markdown page directly under docs/. */
  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  @Test
  void everyRelativeLinkLeadsToAFileAndHeadingThatExist() throws IOException {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path page : pages()) {
      for (MarkdownPage.Link link : MarkdownPage.read(page).links()) {
        String target = link.target();
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
          continue; // https:, mailto: and the like
        }
        checked++;
        broken.addAll(problems(ROOT, page, target));
      }
    }
    assertThat(broken).as("broken links").isEmpty();
    assertThat(checked).as("relative links found").isGreaterThan(20);
  }

  /** What is wrong with a relative link of a page in the repository at root; empty if nothing. */
  static List<String> problems(Path root, Path page, String target) {
    String where = root.relativize(page) + ": (" + target + ")";
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
    if (!resolved.startsWith(root)) {
      return List.of(where + " leads out of the repository");
    }
    if (!Files.exists(resolved)) {
      return List.of(where + " names " + root.relativize(resolved) + ", which does not exist");
    }
    if (anchor == null) {
      return List.of();
    }
    if (!resolved.toString().endsWith(".md")) {
      return List.of(where + " has an anchor into a file that is not Markdown");
    }
    var anchors = MarkdownPage.read(resolved).anchors();
    return anchors.contains(anchor)
        ? List.of()
        : List.of(where + " names #" + anchor + ", which is none of " + anchors);
  }

  @Test
  void aMissingFileAHeadingThatIsNotThereAndAWayOutAreEachFound(@TempDir Path dir)
      throws IOException {
    Path root = dir.toAbsolutePath();
    Files.createDirectories(root.resolve("docs"));
    Files.writeString(root.resolve("docs/other.md"), "# Other\n\n## Its part\n");
    Path page = Files.writeString(root.resolve("docs/page.md"), "# A page\n");

    assertThat(problems(root, page, "other.md#its-part")).isEmpty();
    assertThat(problems(root, page, "#a-page")).isEmpty();
    assertThat(problems(root, page, "../docs/")).isEmpty();
    assertThat(problems(root, page, "missing.md")).singleElement().asString().contains("not exist");
    assertThat(problems(root, page, "other.md#its-whole"))
        .singleElement()
        .asString()
        .contains("#its-whole")
        .contains("its-part");
    assertThat(problems(root, page, "../../outside.md"))
        .singleElement()
        .asString()
        .contains("out of the repository");
  }

  @ParameterizedTest(name = "{0} -> #{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "What \"no\" looks like | what-no-looks-like",
        "Install it in a cluster | install-it-in-a-cluster",
        "Metrics, probes and logs | metrics-probes-and-logs",
        "Versions: the candidate and the approved version"
            + " | versions-the-candidate-and-the-approved-version",
        "The `Phase` enum | the-phase-enum",
        "Analysis: watching the thresholds | analysis-watching-the-thresholds",
        "[Routers](routers.md) and more | routers-and-more",
        "snake_case-and-hyphens | snake_case-and-hyphens",
      })
  void headingsGetGitHubsAnchors(String heading, String anchor) {
    assertThat(MarkdownPage.slug(heading)).isEqualTo(anchor);
  }

  @Test
  void aRepeatedHeadingIsNumbered(@TempDir Path dir) throws IOException {
    Path page = Files.writeString(dir.resolve("page.md"), "# Notes\n\n## Notes\n\n## Notes\n");
    assertThat(MarkdownPage.read(page).anchors()).containsExactly("notes", "notes-1", "notes-2");
  }

  @Test
  void linksInCodeAreNotLinks(@TempDir Path dir) throws IOException {
    Path page =
        Files.writeString(
            dir.resolve("page.md"),
            "See [one](a.md) and `[two](b.md)`.\n\n```\n[three](c.md)\n```\n"
                + "and [four](d.md#e \"title\").\n");
    assertThat(MarkdownPage.read(page).links())
        .extracting(MarkdownPage.Link::target)
        .containsExactly("a.md", "d.md#e");
  }
}
