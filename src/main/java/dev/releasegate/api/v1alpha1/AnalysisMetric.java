package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.releasegate.api.GoDuration;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** One watched signal: how to measure it, its threshold, and what a bad reading does. */
@ValidationRule(
    value = "has(self.max) || has(self.min)",
    message = "needs max or min: without a threshold every measurement would pass")
@ValidationRule(
    value =
        "has(self.provider) && self.provider == 'http'"
            + " ? has(self.http) && has(self.http.url) : has(self.query)",
    message = "needs a query (provider prometheus, the default) or http.url (provider http)")
public record AnalysisMetric(
    @JsonPropertyDescription("The signal's name, as status and messages show it.") @Required
        String name,
    @JsonPropertyDescription("prometheus (default) or http.")
        @SchemaFrom(type = MetricProviderKind.class)
        String provider,
    @JsonPropertyDescription(
            "For prometheus: an instant PromQL query that returns one number. {{name}},"
                + " {{namespace}}, {{version}} and {{track}} (canary or stable) are replaced with the"
                + " release's values.")
        String query,
    @JsonPropertyDescription("For http: where the value comes from.") HttpMetricSource http,
    @JsonPropertyDescription("The highest healthy value; above it a measurement fails.") Double max,
    @JsonPropertyDescription("The lowest healthy value; below it a measurement fails.") Double min,
    @JsonPropertyDescription(
            "How many failed measurements are tolerated; one more rolls back (default 0: the first"
                + " failure rolls back).")
        @Min(0)
        Integer failureLimit,
    @JsonPropertyDescription(
            "How many query errors in a row are tolerated before the release holds, or rolls back"
                + " when onError is rollback (default 3).")
        @Min(0)
        Integer consecutiveErrorLimit,
    @JsonPropertyDescription(
            "What a measurement without data (no series, NaN, infinity) means: hold (default: the"
                + " step does not advance), fail (counts as a failure) or pass.")
        @SchemaFrom(type = NoDataPolicy.class)
        String onNoData,
    @JsonPropertyDescription(
            "What happens after consecutiveErrorLimit errors: hold (default) or rollback.")
        @SchemaFrom(type = ErrorPolicy.class)
        String onError,
    @JsonPropertyDescription(
            "When the metric is watched: canary (default), observation (after promotion) or both.")
        @SchemaFrom(type = AnalysisWindow.class)
        String during,
    @JsonPropertyDescription("How often it is measured (default spec.analysis.interval).")
        @Pattern(GoDuration.PATTERN)
        String interval) {}
