package dev.releasegate.operator;

import dev.releasegate.gate.ChecklistPolicy;
import java.util.Set;

/**
 * How an operator process is configured.
 *
 * @param policy the checklist releases are held to
 * @param namespaces where to watch; empty for every namespace
 * @param packetRecordsFollowRelease whether a release's packet records are deleted with it
 *     (default: kept, so the audit trail outlives the ModelRelease)
 */
public record OperatorSettings(
    ChecklistPolicy policy, Set<String> namespaces, boolean packetRecordsFollowRelease) {

  /** The built-in checklist, every namespace, packet records kept. */
  public static OperatorSettings defaults() {
    return new OperatorSettings(ChecklistPolicy.builtIn(), Set.of(), false);
  }
}
