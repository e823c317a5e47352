package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The release's scope on one page: what it reads, what it may do, and for whom. */
public record ScopeSpec(
    @JsonPropertyDescription("Where its inputs come from (chat, uploads, retrieval stores, ...).")
        List<String> inputSources,
    @JsonPropertyDescription("The tools it can call.") List<String> tools,
    @JsonPropertyDescription("What it produces (text, drafts, scores, actions).")
        List<String> outputTypes,
    @JsonPropertyDescription("Who may use it.") List<String> userGroups,
    @JsonPropertyDescription("Tasks it is released for.") List<String> supportedTasks,
    @JsonPropertyDescription("Tasks it must refuse.") List<String> blockedTasks,
    @JsonPropertyDescription(
            "Real-world actions it can trigger, each with its approval path. An action that"
                + " writes to an external system without a human approval step keeps the"
                + " agent-actions gate shut.")
        List<ScopeAction> actions) {}
