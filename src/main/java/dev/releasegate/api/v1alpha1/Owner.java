package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Required;

/** The person who owns one risk area of the release and signs for it. */
public record Owner(
    @JsonPropertyDescription(
            "The risk area owned: product, mlops, security, privacy, business or support.")
        @Required
        @SchemaFrom(type = OwnerRole.class)
        String role,
    @JsonPropertyDescription(
            "Who owns it, for people to reach. A sign-off's by= is the Kubernetes user who signs;"
                + " on a cluster the admission policy lets only users bound to the role sign it,"
                + " each as themselves.")
        @Required
        String name,
    @JsonPropertyDescription("How to reach them during the release (email, chat handle, pager).")
        String contact) {}
