package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Which checklist policy the gates were evaluated against. */
public record PolicyStatus(
    @JsonPropertyDescription(
            "The built-in checklist, or the built-in checklist tightened by a file.")
        String source,
    @JsonPropertyDescription(
            "Parts of the cluster's policy override that were not applied because they would"
                + " loosen the checklist or mean nothing to it.")
        List<String> notes) {}
