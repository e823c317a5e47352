package dev.releasegate.api.v1alpha1;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;

/**
 * Schema stand-in for {@code spec.template}. The full PodTemplateSpec schema is thousands of lines
 * and would make the CRD too large for client-side {@code kubectl apply}; the API server keeps the
 * template as given and the operator reads it as a PodTemplateSpec.
 */
@PreserveUnknownFields
final class EmbeddedPodTemplate {
  private EmbeddedPodTemplate() {}
}
