package dev.releasegate.lifecycle;

import dev.releasegate.api.GoDuration;
import dev.releasegate.api.v1alpha1.AnalysisMetric;
import dev.releasegate.api.v1alpha1.AnalysisSpec;
import dev.releasegate.api.v1alpha1.AnalysisWindow;
import dev.releasegate.api.v1alpha1.CanarySpec;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.ErrorPolicy;
import dev.releasegate.api.v1alpha1.GatewayApiRouting;
import dev.releasegate.api.v1alpha1.MetricProviderKind;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.ModelSpec;
import dev.releasegate.api.v1alpha1.NoDataPolicy;
import dev.releasegate.api.v1alpha1.Owner;
import dev.releasegate.api.v1alpha1.OwnerRole;
import dev.releasegate.api.v1alpha1.RiskTier;
import dev.releasegate.api.v1alpha1.SystemType;
import dev.releasegate.api.v1alpha1.TrafficRouting;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything that makes a spec impossible to act on, each named by its field. The CRD schema
 * refuses most of these at apply time on a real cluster; the operator checks again because not
 * every API server enforces the schema, and a bad spec must never reach the serving pods.
 */
public final class SpecCheck {
  /** Versions label pods and name Deployments, so they must be valid label values. */
  private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

  private static final Pattern VERSION =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?");

  /** The shortest analysis interval: each measurement is a query and a status write. */
  static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  private SpecCheck() {}

  /** The spec's problems; empty when it can be acted on. */
  /**
   * The release's own name: the CRD refuses any other with a CEL rule on a real server, but a
   * server that does not run CEL (the embedded API) stores it, and it names the release's Service.
   */
  static List<FieldError> checkName(String name) {
    return name != null && name.length() <= 63 && DNS_1035_LABEL.matcher(name).matches()
        ? List.of()
        : List.of(
            new FieldError(
                "metadata.name",
                "'"
                    + name
                    + "' is not a DNS-1035 label (at most 63 lower-case letters, digits or '-',"
                    + " starting with a letter): it names the release's Service; create the"
                    + " release again under such a name"));
  }

  public static List<FieldError> check(ModelReleaseSpec spec) {
    List<FieldError> errors = new ArrayList<>();
    if (spec == null) {
      errors.add(new FieldError("spec", "is missing"));
      return errors;
    }
    if (spec.systemType() == null) {
      errors.add(
          new FieldError(
              "spec.systemType", "is required; use one of " + names(SystemType.values())));
    } else if (SystemType.parse(spec.systemType()).isEmpty()) {
      errors.add(
          new FieldError(
              "spec.systemType",
              quote(spec.systemType()) + " is not one of " + names(SystemType.values())));
    }
    if (RiskTier.parse(spec.riskTier()).isEmpty()) {
      errors.add(
          new FieldError(
              "spec.riskTier", quote(spec.riskTier()) + " is not one of standard, high"));
    }
    if (spec.replicas() != null && spec.replicas() < 1) {
      errors.add(new FieldError("spec.replicas", spec.replicas() + " is below 1"));
    }
    checkModel(spec.model(), errors);
    checkTemplate(spec.template(), errors);
    checkOwners(spec.owners(), errors);
    checkCanary(spec.canary(), errors);
    checkAnalysis(spec.analysis(), errors);
    return errors;
  }

  /**
   * The analysis as it can be acted on: an interval that does not turn measuring into a busy loop,
   * and every metric with a way to measure it, a threshold to judge it by, limits that are counts,
   * and only the values its enumerations know (an unknown one would silently mean the default).
   */
  private static void checkAnalysis(AnalysisSpec analysis, List<FieldError> errors) {
    if (analysis == null) {
      return;
    }
    checkInterval("spec.analysis.interval", analysis.interval(), errors);
    List<AnalysisMetric> metrics = analysis.metrics() == null ? List.of() : analysis.metrics();
    for (int i = 0; i < metrics.size(); i++) {
      AnalysisMetric metric = metrics.get(i);
      String field = "spec.analysis.metrics[" + i + "]";
      if (metric == null) {
        errors.add(new FieldError(field, "is empty"));
        continue;
      }
      requireText(field + ".name", metric.name(), errors);
      Optional<MetricProviderKind> provider = MetricProviderKind.parse(metric.provider());
      known(field + ".provider", metric.provider(), provider, MetricProviderKind.values(), errors);
      if (provider.orElse(null) == MetricProviderKind.prometheus) {
        requireText(field + ".query", metric.query(), errors);
      } else if (provider.orElse(null) == MetricProviderKind.http
          && (metric.http() == null
              || metric.http().url() == null
              || metric.http().url().isBlank())) {
        errors.add(new FieldError(field + ".http.url", "is required for provider http"));
      }
      if (metric.max() == null && metric.min() == null) {
        errors.add(
            new FieldError(
                field, "needs max or min: without a threshold every measurement would pass"));
      }
      atLeastZero(field + ".failureLimit", metric.failureLimit(), errors);
      atLeastZero(field + ".consecutiveErrorLimit", metric.consecutiveErrorLimit(), errors);
      known(
          field + ".onNoData",
          metric.onNoData(),
          NoDataPolicy.parse(metric.onNoData()),
          NoDataPolicy.values(),
          errors);
      known(
          field + ".onError",
          metric.onError(),
          ErrorPolicy.parse(metric.onError()),
          ErrorPolicy.values(),
          errors);
      known(
          field + ".during",
          metric.during(),
          AnalysisWindow.parse(metric.during()),
          AnalysisWindow.values(),
          errors);
      checkInterval(field + ".interval", metric.interval(), errors);
    }
  }

  private static void checkInterval(String field, String interval, List<FieldError> errors) {
    if (interval == null) {
      return;
    }
    Optional<Duration> parsed = GoDuration.parse(interval);
    if (parsed.isEmpty()) {
      errors.add(
          new FieldError(field, quote(interval) + " is not a duration such as 30s, 1m or 5m"));
    } else if (parsed.get().compareTo(MIN_INTERVAL) < 0) {
      errors.add(
          new FieldError(
              field,
              quote(interval)
                  + " is shorter than 1s: each measurement is a query and a status write"));
    }
  }

  private static void atLeastZero(String field, Integer value, List<FieldError> errors) {
    if (value != null && value < 0) {
      errors.add(new FieldError(field, value + " is below 0"));
    }
  }

  private static void known(
      String field, String value, Optional<?> parsed, Enum<?>[] values, List<FieldError> errors) {
    if (parsed.isEmpty()) {
      errors.add(new FieldError(field, quote(value) + " is not one of " + names(values)));
    }
  }

  private static void checkModel(ModelSpec model, List<FieldError> errors) {
    if (model == null) {
      errors.add(new FieldError("spec.model", "is required (name, version, image)"));
      return;
    }
    requireText("spec.model.name", model.name(), errors);
    requireText("spec.model.image", model.image(), errors);
    if (model.version() == null || model.version().isBlank()) {
      errors.add(new FieldError("spec.model.version", "is required"));
    } else if (!VERSION.matcher(model.version()).matches()) {
      errors.add(
          new FieldError(
              "spec.model.version",
              quote(model.version())
                  + " must be 1 to 63 letters, digits, '.', '_' or '-', starting and ending with a"
                  + " letter or digit (it labels the serving pods)"));
    }
  }

  private static void checkTemplate(PodTemplateSpec template, List<FieldError> errors) {
    if (template != null
        && (template.getSpec() == null
            || template.getSpec().getContainers() == null
            || template.getSpec().getContainers().isEmpty())) {
      errors.add(new FieldError("spec.template.spec.containers", "needs at least one container"));
    }
  }

  private static void checkOwners(List<Owner> owners, List<FieldError> errors) {
    if (owners == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < owners.size(); i++) {
      Owner owner = owners.get(i);
      String field = "spec.owners[" + i + "]";
      if (owner == null) {
        errors.add(new FieldError(field, "is empty"));
        continue;
      }
      if (owner.role() == null || OwnerRole.parse(owner.role()).isEmpty()) {
        errors.add(
            new FieldError(
                field + ".role", quote(owner.role()) + " is not one of " + OwnerRole.listed()));
      } else if (!seen.add(owner.role())) {
        errors.add(
            new FieldError(
                field + ".role", quote(owner.role()) + " is named twice; one owner per role"));
      }
      requireText(field + ".name", owner.name(), errors);
    }
  }

  private static void checkCanary(CanarySpec canary, List<FieldError> errors) {
    if (canary == null || canary.steps() == null || canary.steps().isEmpty()) {
      errors.add(
          new FieldError(
              "spec.canary.steps",
              "needs at least one step, for example [{weight: 10, pause: 10m}, {weight: 100}]"));
      return;
    }
    checkRouting(canary.trafficRouting(), errors);
    int previous = 0;
    for (int i = 0; i < canary.steps().size(); i++) {
      CanaryStep step = canary.steps().get(i);
      String field = "spec.canary.steps[" + i + "]";
      if (step == null || step.weight() == null) {
        errors.add(new FieldError(field + ".weight", "is required (1..100)"));
        continue;
      }
      if (step.weight() < 1 || step.weight() > 100) {
        errors.add(new FieldError(field + ".weight", step.weight() + " is outside 1..100"));
      } else if (step.weight() <= previous) {
        errors.add(
            new FieldError(
                field + ".weight",
                step.weight() + " does not rise above the previous step's " + previous));
      }
      previous = Math.max(previous, step.weight());
      if (step.pause() != null && GoDuration.parse(step.pause()).isEmpty()) {
        errors.add(
            new FieldError(
                field + ".pause",
                quote(step.pause()) + " is not a duration such as 30s, 10m or 1h30m"));
      }
    }
  }

  private static void checkRouting(TrafficRouting routing, List<FieldError> errors) {
    if (routing == null) {
      return;
    }
    List<String> chosen = routing.chosen();
    if (chosen.size() > 1) {
      errors.add(
          new FieldError(
              "spec.canary.trafficRouting",
              "names " + String.join(" and ", chosen) + "; set one router"));
    }
    if (routing.gatewayAPI() != null) {
      GatewayApiRouting gateway = routing.gatewayAPI();
      requireText("spec.canary.trafficRouting.gatewayAPI.httpRoute", gateway.httpRoute(), errors);
      if (gateway.port() != null && (gateway.port() < 1 || gateway.port() > 65535)) {
        errors.add(
            new FieldError(
                "spec.canary.trafficRouting.gatewayAPI.port",
                gateway.port() + " is outside 1..65535"));
      }
    }
    if (routing.kserve() != null) {
      requireText(
          "spec.canary.trafficRouting.kserve.inferenceService",
          routing.kserve().inferenceService(),
          errors);
    }
  }

  private static void requireText(String field, String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required"));
    }
  }

  private static String quote(String value) {
    return value == null ? "(empty)" : "'" + value + "'";
  }

  private static String names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
  }
}
