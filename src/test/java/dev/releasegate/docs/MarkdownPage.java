package dev.releasegate.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Markdown page of the documentation, read as GitHub renders it, as far as the doc tests need:
 * its headings and their anchors, its relative links, and its tables. Fenced code blocks are not
 * prose: nothing in them is a heading, a link or a table.
 */
public final class MarkdownPage {
  private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern LINK =
      Pattern.compile("!?\\[([^\\]]*)\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern CODE_SPAN = Pattern.compile("`([^`]*)`");

  /** A table: its header cells and its rows, each cell as written (trimmed). */
  public record Table(List<String> header, List<List<String>> rows) {
    /** The cells of one column, by its header's text. */
    public List<String> column(String name) {
      int index = header.indexOf(name);
      if (index < 0) {
        throw new IllegalArgumentException("no column " + name + " in " + header);
      }
      return rows.stream().map(r -> r.get(index)).toList();
    }
  }

  /** A link as written: its text and its target. */
  public record Link(String text, String target) {}

  private final Path path;
  private final List<String> lines;

  private MarkdownPage(Path path, List<String> lines) {
    this.path = path;
    this.lines = lines;
  }

  public static MarkdownPage read(Path path) {
    try {
      return new MarkdownPage(path, Files.readAllLines(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path path() {
    return path;
  }

  /** The page's text outside fenced code blocks, line by line; code lines are left empty. */
  private List<String> prose() {
    List<String> prose = new ArrayList<>();
    boolean code = false;
    for (String line : lines) {
      if (line.stripLeading().startsWith("```") || line.stripLeading().startsWith("~~~")) {
        code = !code;
        prose.add("");
      } else {
        prose.add(code ? "" : line);
      }
    }
    return prose;
  }

  /** The headings' text, in order. */
  public List<String> headings() {
    List<String> headings = new ArrayList<>();
    for (String line : prose()) {
      Matcher m = HEADING.matcher(line);
      if (m.matches()) {
        headings.add(m.group(2));
      }
    }
    return headings;
  }

  /** The anchors GitHub gives the headings, a repeated one numbered as GitHub numbers it. */
  public Set<String> anchors() {
    Set<String> anchors = new LinkedHashSet<>();
    for (String heading : headings()) {
      String slug = slug(heading);
      String anchor = slug;
      for (int n = 1; anchors.contains(anchor); n++) {
        anchor = slug + "-" + n;
      }
      anchors.add(anchor);
    }
    return anchors;
  }

  /**
   * GitHub's anchor for a heading: the text as rendered (code spans and links by their text),
   * lowercase, punctuation dropped, each space a hyphen.
   */
  public static String slug(String heading) {
    String text = LINK.matcher(heading).replaceAll("$1");
    text = text.replace("`", "").toLowerCase(Locale.ROOT);
    StringBuilder slug = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              if (c == ' ') {
                slug.append('-');
              } else if (c == '-' || c == '_' || Character.isLetterOrDigit(c)) {
                slug.appendCodePoint(c);
              }
            });
    return slug.toString();
  }

  /** Every link outside code: {@code [text](target)}, images included. */
  public List<Link> links() {
    String text = String.join("\n", prose());
    text = CODE_SPAN.matcher(text).replaceAll("");
    List<Link> links = new ArrayList<>();
    Matcher m = LINK.matcher(text);
    while (m.find()) {
      links.add(new Link(m.group(1), m.group(2)));
    }
    return links;
  }

  /** Every table of the page, in order. */
  public List<Table> tables() {
    List<String> prose = prose();
    List<Table> tables = new ArrayList<>();
    for (int i = 0; i + 1 < prose.size(); i++) {
      if (!isRow(prose.get(i)) || !isDelimiter(prose.get(i + 1))) {
        continue;
      }
      List<String> header = cells(prose.get(i));
      List<List<String>> rows = new ArrayList<>();
      int j = i + 2;
      for (; j < prose.size() && isRow(prose.get(j)); j++) {
        rows.add(cells(prose.get(j)));
      }
      tables.add(new Table(header, rows));
      i = j - 1;
    }
    return tables;
  }

  /** The first table under the heading with this text, before the next heading. */
  public Table tableUnder(String heading) {
    List<String> prose = prose();
    boolean inSection = false;
    for (int i = 0; i + 1 < prose.size(); i++) {
      Matcher m = HEADING.matcher(prose.get(i));
      if (m.matches()) {
        if (inSection) {
          break;
        }
        inSection = m.group(2).equals(heading);
      } else if (inSection && isRow(prose.get(i)) && isDelimiter(prose.get(i + 1))) {
        return new MarkdownPage(path, prose.subList(i, prose.size())).tables().get(0);
      }
    }
    throw new AssertionError(path + " has no table under the heading \"" + heading + "\"");
  }

  /** The text of each code span in a cell: {@code `Promoted`, `Released`} gives both names. */
  public static List<String> codeSpans(String cell) {
    List<String> spans = new ArrayList<>();
    Matcher m = CODE_SPAN.matcher(cell);
    while (m.find()) {
      spans.add(m.group(1));
    }
    return spans;
  }

  /** A cell's text as read: code spans by their content, whitespace collapsed. */
  public static String plain(String cell) {
    return cell.replace("`", "").replaceAll("\\s+", " ").trim();
  }

  private static boolean isRow(String line) {
    return line.stripLeading().startsWith("|");
  }

  private static boolean isDelimiter(String line) {
    return line.strip().matches("\\|?\\s*:?-+:?\\s*(\\|\\s*:?-+:?\\s*)*\\|?");
  }

  /**
   * The cells of a row. As on GitHub, every pipe splits, even inside a code span, unless escaped.
   */
  private static List<String> cells(String row) {
    String line = row.strip();
    if (line.startsWith("|")) {
      line = line.substring(1);
    }
    if (line.endsWith("|") && !line.endsWith("\\|")) {
      line = line.substring(0, line.length() - 1);
    }
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
        cell.append('|');
        i++;
      } else if (c == '|') {
        cells.add(cell.toString().trim());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString().trim());
    return cells;
  }
}
