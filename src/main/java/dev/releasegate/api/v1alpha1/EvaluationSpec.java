package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * How the candidate's evaluation report is compared with the last approved version's: the same
 * fixed eval set, each metric in its direction, within its tolerance, or a documented tradeoff.
 */
public record EvaluationSpec(
    @JsonPropertyDescription(
            "The candidate's report: JSON {\"evalSet\": {\"id\", \"size\"}, \"metrics\": {name:"
                + " value}}. Defaults to the packet's evalReport artifact.")
        ConfigMapKey reportRef,
    @JsonPropertyDescription(
            "The metrics that are compared, each with the direction that is better and how much"
                + " worse it may get.")
        List<MetricTolerance> tolerances,
    @JsonPropertyDescription(
            "Regressions beyond tolerance that the team accepts, each with its reason. The"
                + " checklist: if the new version is better in one area and worse in another,"
                + " document the tradeoff.")
        List<Tradeoff> tradeoffs) {}
