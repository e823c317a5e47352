package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.List;

/**
 * What a team asks for: the model version to release, the system it belongs to, who owns it, and
 * how its traffic should move. Enumerated fields are strings in Java so that an unknown value is
 * reported by the operator with the field's name instead of failing deserialisation; the CRD schema
 * still lists the allowed values.
 */
@ValidationRule(
    value = "!has(self.owners) || self.owners.all(o, self.owners.exists_one(p, p.role == o.role))",
    message = "name one owner per role",
    fieldPath = ".owners")
public record ModelReleaseSpec(
    @JsonPropertyDescription(
            "What kind of system is released; it decides which checks the release checklist"
                + " requires. FoundationModelWrapper: prompts, filters and policy around a vendor"
                + " model. FineTunedModel: a model trained on the team's data. AgenticSystem: a"
                + " model that calls tools and takes actions.")
        @Required
        @SchemaFrom(type = SystemType.class)
        String systemType,
    @JsonPropertyDescription(
            "standard (default) or high. Use high when the system can affect people, money,"
                + " privacy or safety: every owner must sign and the release gate is stricter.")
        @SchemaFrom(type = RiskTier.class)
        String riskTier,
    @JsonPropertyDescription(
            "True when the system touches personal or regulated data; a privacy owner must then"
                + " be named and sign before any user traffic.")
        Boolean handlesPersonalData,
    @JsonPropertyDescription(
            "The model version being released. Changing version starts a new release of it:"
                + " sign-offs for other versions do not count.")
        @Required
        ModelSpec model,
    @JsonPropertyDescription(
            "How one serving pod looks (a PodTemplateSpec, as in a Deployment). The operator sets"
                + " the first container's image to model.image and adds MODEL_NAME, MODEL_VERSION"
                + " and MODEL_URI to its environment. When omitted, one container named"
                + " model-server is used.")
        @SchemaFrom(type = EmbeddedPodTemplate.class)
        PodTemplateSpec template,
    @JsonPropertyDescription(
            "How many serving pods carry full traffic (default 1). During a canary the replicas"
                + " are split between the stable and the candidate version by weight.")
        @Min(1)
        Integer replicas,
    @JsonPropertyDescription(
            "The release's scope on one page: inputs, tools, outputs, users, supported and"
                + " blocked tasks, and the real-world actions it can take with their approval"
                + " paths.")
        ScopeSpec scope,
    @JsonPropertyDescription(
            "The people who can say yes, no or not yet: one owner per role. Which roles are"
                + " required depends on systemType, riskTier and handlesPersonalData.")
        @Size(max = 20)
        List<Owner> owners,
    @JsonPropertyDescription(
            "The release packet: evidence reviewers sign against (model card, eval report, risk"
                + " review, security findings, runbook, and what the system type and data add).")
        PacketSpec packet,
    @JsonPropertyDescription(
            "How the candidate's evaluation report is compared with the last approved version's.")
        EvaluationSpec evaluation,
    @JsonPropertyDescription(
            "How traffic moves to a new version once its pre-traffic sign-offs are present. The"
                + " first version of a release has nothing to split traffic with and rolls out in"
                + " full.")
        CanarySpec canary,
    @JsonPropertyDescription("The rollback plan: whether and how it is rehearsed before promotion.")
        RollbackSpec rollback,
    @JsonPropertyDescription(
            "The alert thresholds watched during the canary and the observation period; a breach"
                + " rolls back to the last approved version.")
        AnalysisSpec analysis,
    @JsonPropertyDescription(
            "The observation period after promotion and the change freeze at its start.")
        ObservationSpec observation) {

  /** The same spec watching other metrics (the demo points the examples at its own Prometheus). */
  public ModelReleaseSpec withAnalysis(AnalysisSpec newAnalysis) {
    return new ModelReleaseSpec(
        systemType,
        riskTier,
        handlesPersonalData,
        model,
        template,
        replicas,
        scope,
        owners,
        packet,
        evaluation,
        canary,
        rollback,
        newAnalysis,
        observation);
  }

  /** The replica count this spec asks for, with the documented default. */
  public int replicasOrDefault() {
    return replicas == null ? 1 : replicas;
  }

  /** Whether the system handles personal data; absent means no. */
  public boolean personalData() {
    return Boolean.TRUE.equals(handlesPersonalData);
  }
}
