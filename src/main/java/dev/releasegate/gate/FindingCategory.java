package dev.releasegate.gate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a security finding is about: a risk of the OWASP Top 10 for LLM Applications (2025 edition),
 * or one of the three paths the checklist says always stop a launch until the fix is in place and
 * retested.
 */
public enum FindingCategory {
  LLM01("LLM01", "Prompt Injection", false),
  LLM02("LLM02", "Sensitive Information Disclosure", false),
  LLM03("LLM03", "Supply Chain", false),
  LLM04("LLM04", "Data and Model Poisoning", false),
  LLM05("LLM05", "Improper Output Handling", false),
  LLM06("LLM06", "Excessive Agency", false),
  LLM07("LLM07", "System Prompt Leakage", false),
  LLM08("LLM08", "Vector and Embedding Weaknesses", false),
  LLM09("LLM09", "Misinformation", false),
  LLM10("LLM10", "Unbounded Consumption", false),
  /** A path to private data. */
  PRIVATE_DATA_EXPOSURE("privateDataExposure", null, true),
  /** A path to an action nobody authorised. */
  UNAUTHORIZED_ACTION("unauthorizedAction", null, true),
  /** A path to the hidden system instructions. */
  SYSTEM_PROMPT_LEAK("systemPromptLeak", null, true);

  /** The 2025 edition's suffix, accepted so that ids copied from the OWASP list read as written. */
  private static final String EDITION = ":2025";

  private final String code;
  private final String title;
  private final boolean blocksAtAnySeverity;

  FindingCategory(String code, String title, boolean blocksAtAnySeverity) {
    this.code = code;
    this.title = title;
    this.blocksAtAnySeverity = blocksAtAnySeverity;
  }

  /**
   * The category a log value names, ignoring case; {@code LLM01:2025} reads as {@code LLM01}. Other
   * editions' ids do not: their numbers name other risks.
   */
  public static Optional<FindingCategory> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String code = value.strip();
    if (code.toUpperCase(Locale.ROOT).startsWith("LLM") && code.endsWith(EDITION)) {
      code = code.substring(0, code.length() - EDITION.length());
    }
    String wanted = code;
    return Arrays.stream(values()).filter(c -> c.code.equalsIgnoreCase(wanted)).findFirst();
  }

  /**
   * Whether a finding of this category blocks launch whatever its severity, until verified: the
   * checklist's paths to private data, unauthorized action or hidden system instructions.
   */
  public boolean blocksAtAnySeverity() {
    return blocksAtAnySeverity;
  }

  /** How a person reads it: {@code LLM01 Prompt Injection}, or the code of a blocking path. */
  public String label() {
    return title == null ? code : code + " " + title;
  }

  /** Every value a log may use, for a message that names them. */
  static String accepted() {
    return "LLM01 to LLM10, privateDataExposure, unauthorizedAction or systemPromptLeak";
  }
}
