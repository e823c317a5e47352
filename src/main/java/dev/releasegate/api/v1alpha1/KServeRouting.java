package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Which KServe InferenceService the KServe router releases through. */
public record KServeRouting(
    @JsonPropertyDescription(
            "The InferenceService (serving.kserve.io/v1beta1), in the release's namespace, that"
                + " serves the model. It must exist and run in Serverless mode: releasegate never"
                + " creates or deletes one. releasegate sets spec.predictor.model.storageUri to"
                + " spec.model.uri (or, for a predictor with containers, the first container's"
                + " image to spec.model.image) and spec.predictor.canaryTrafficPercent, and nothing"
                + " else. Two ModelReleases cannot share one InferenceService.")
        @Required
        String inferenceService) {}
