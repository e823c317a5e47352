package dev.releasegate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One entry of the security findings log, as the red team wrote it: {@code {"id", "title",
 * "category", "severity", "status"}}. Values stay as written, so a finding that cannot be assessed
 * can still be named; {@link #problems()} says why.
 */
public record SecurityFinding(
    String id, String title, String category, String severity, String status) {

  /** How bad a finding is. Only critical and high block, unless the category always blocks. */
  public enum Severity {
    critical,
    high,
    medium,
    low,
    info
  }

  /** Where a finding stands. */
  public enum Status {
    /** Not fixed. */
    open,
    /** A fix is in place but not yet retested. */
    fixed,
    /** Fixed and retested. */
    verified,
    /** The risk is accepted rather than fixed. */
    accepted
  }

  /** Reads one entry of the log; an entry that is not an object reads as a finding of nothing. */
  static SecurityFinding from(JsonNode entry) {
    if (!entry.isObject()) {
      return new SecurityFinding(null, null, null, null, null);
    }
    return new SecurityFinding(
        EvidenceJson.text(entry, "id"),
        EvidenceJson.text(entry, "title"),
        EvidenceJson.text(entry, "category"),
        EvidenceJson.text(entry, "severity"),
        EvidenceJson.text(entry, "status"));
  }

  /** Why the finding cannot be assessed, one fragment per field; empty when it can. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (id == null || id.isBlank()) {
      problems.add("it has no id");
    }
    if (FindingCategory.parse(category).isEmpty()) {
      problems.add(field("category", category) + FindingCategory.accepted());
    }
    if (parse(Severity.values(), severity).isEmpty()) {
      problems.add(field("severity", severity) + "critical, high, medium, low or info");
    }
    if (parse(Status.values(), status).isEmpty()) {
      problems.add(field("status", status) + "open, fixed, verified or accepted");
    }
    return problems;
  }

  /** Whether the finding can be assessed at all; one that cannot blocks. */
  public boolean assessable() {
    return problems().isEmpty();
  }

  /**
   * Whether the finding blocks launch. A path to private data, unauthorized action or hidden system
   * instructions blocks until the fix is retested, whatever its severity, and its risk cannot be
   * accepted; any other critical or high finding blocks until it is verified or accepted. An
   * unassessable finding blocks.
   */
  public boolean blocks() {
    if (!assessable()) {
      return true;
    }
    Status state = statusValue();
    if (categoryValue().blocksAtAnySeverity()) {
      return state != Status.verified;
    }
    return severe() && (state == Status.open || state == Status.fixed);
  }

  /** Whether accepting the risk would stop the finding blocking; never for the three paths. */
  public boolean riskMayBeAccepted() {
    return assessable() && !categoryValue().blocksAtAnySeverity();
  }

  /** Whether it is critical or high. */
  public boolean severe() {
    Optional<Severity> level = parse(Severity.values(), severity);
    return level.isPresent() && level.get().compareTo(Severity.high) <= 0;
  }

  /** The finding as one line: {@code SEC-12 (LLM01 Prompt Injection, high, open): title}. */
  public String describe() {
    String label = FindingCategory.parse(category).map(FindingCategory::label).orElse(category);
    return id
        + " ("
        + label
        + ", "
        + parse(Severity.values(), severity).map(Enum::name).orElse(severity)
        + ", "
        + parse(Status.values(), status).map(Enum::name).orElse(status)
        + "): "
        + (title == null || title.isBlank() ? "(no title)" : title.strip());
  }

  /** The status, for a finding that is assessable. */
  Status statusValue() {
    return parse(Status.values(), status).orElseThrow();
  }

  private FindingCategory categoryValue() {
    return FindingCategory.parse(category).orElseThrow();
  }

  /** Logs come from many tools: "High" and "HIGH" mean high. */
  private static <E extends Enum<E>> Optional<E> parse(E[] values, String value) {
    return value == null
        ? Optional.empty()
        : Arrays.stream(values)
            .filter(v -> v.name().equals(value.strip().toLowerCase(Locale.ROOT)))
            .findFirst();
  }

  /** The start of a problem with a field, to be followed by the values it may take. */
  private static String field(String name, String value) {
    return value == null ? name + " is missing: use " : name + " \"" + value + "\" is not ";
  }
}
