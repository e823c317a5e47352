package dev.releasegate.analysis;

import dev.releasegate.api.v1alpha1.MetricProviderKind;

/**
 * One measurement to take: which metric, for which version and window, and the provider's query
 * with the release's values filled in.
 *
 * @param metric the metric's name in the spec
 * @param version the version measured
 * @param window canary or observation
 * @param provider who answers it
 * @param query the rendered PromQL (prometheus) or URL (http)
 * @param address the Prometheus base URL (prometheus only)
 * @param jsonPointer where the number is in the answer (http only)
 * @param headersSecret a Secret whose keys are sent as headers (http only), or null
 * @param namespace the release's namespace, where that Secret lives
 */
public record MetricQuery(
    String metric,
    String version,
    String window,
    MetricProviderKind provider,
    String query,
    String address,
    String jsonPointer,
    String headersSecret,
    String namespace) {}
