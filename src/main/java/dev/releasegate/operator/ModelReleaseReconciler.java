package dev.releasegate.operator;

import dev.releasegate.analysis.AnalysisPlan;
import dev.releasegate.analysis.Measurements;
import dev.releasegate.analysis.MetricProviders;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseStatus;
import dev.releasegate.gate.ChecklistPolicy;
import dev.releasegate.lifecycle.Decision;
import dev.releasegate.lifecycle.Observations;
import dev.releasegate.lifecycle.ReleaseAnnotations;
import dev.releasegate.lifecycle.ReleaseDecider;
import dev.releasegate.lifecycle.TrafficBlock;
import dev.releasegate.lifecycle.TrafficState;
import dev.releasegate.observability.ReleaseMetrics;
import dev.releasegate.traffic.NotOwnedObject;
import dev.releasegate.traffic.OwnedObjects;
import dev.releasegate.traffic.TrafficRouter;
import dev.releasegate.traffic.TrafficRouters;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The imperative shell around {@link ReleaseDecider}: gather what is in force, decide, then apply
 * the decision in the order an incident needs — traffic first, then status, then Events.
 */
// An operator that gives up on a release is worse than a slow one: retry without end, but back off.
@GradualRetry(maxAttempts = -1, initialInterval = 500, maxInterval = 60_000)
@ControllerConfiguration(
    name = ModelReleaseReconciler.NAME,
    fieldManager = "releasegate",
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = SpecOrAnnotationChange.class))
public final class ModelReleaseReconciler implements Reconciler<ModelRelease> {
  public static final String NAME = "modelrelease";
  private static final Logger LOG = LoggerFactory.getLogger(ModelReleaseReconciler.class);

  private final ReleaseDecider decider;
  private final Clock clock;
  private final TrafficRouters routers;
  private final ReleaseEventRecorder events;
  private final PacketRecordWriter records;
  private final AuditTrailWriter audit;
  private final Measurements measurements;

  /** Wakes a release when a measurement taken for it off the reconcile threads is in. */
  private final SimpleInboundEventSource<ModelRelease> measured =
      new SimpleInboundEventSource<>("measurements");

  private final ReleaseMetrics metrics;

  ModelReleaseReconciler(
      ChecklistPolicy policy,
      Clock clock,
      TrafficRouters routers,
      ReleaseEventRecorder events,
      PacketRecordWriter records,
      AuditTrailWriter audit,
      MetricProviders providers,
      ReleaseMetrics metrics) {
    this.decider = new ReleaseDecider(policy);
    this.clock = clock;
    this.routers = routers;
    this.events = events;
    this.records = records;
    this.audit = audit;
    this.measurements = new Measurements(providers, measured::propagateEvent);
    this.metrics = metrics;
  }

  @Override
  public List<EventSource<?, ModelRelease>> prepareEventSources(
      EventSourceContext<ModelRelease> context) {
    List<EventSource<?, ModelRelease>> sources = new ArrayList<>(routers.eventSources(context));
    sources.add(EvidenceReader.eventSource(context));
    sources.add(measured);
    return sources;
  }

  @Override
  public UpdateControl<ModelRelease> reconcile(
      ModelRelease release, Context<ModelRelease> context) {
    Instant now = clock.instant();
    if (release.unreadableSpec().isPresent() || release.unreadableStatus().isPresent()) {
      return leaveUnreadable(release, context, now);
    }
    TrafficRouter router = routers.forRelease(release);
    Observations observations =
        new Observations(
            observe(router, release, context),
            EvidenceReader.read(release, context),
            measurements.collect(
                ResourceID.fromResource(release),
                incident(release) ? List.of() : AnalysisPlan.due(release, now)));
    Decision decision = decider.decide(release, observations, now);
    try {
      decision.traffic().ifPresent(target -> router.apply(release, target, context));
      // The record before the status that points at it: a crash in between leaves a record, never
      // a dangling pointer.
      decision.packetRecord().ifPresent(record -> records.keep(release, record));
      // The acts before the status that moves past them: a crash in between leaves them kept,
      // and the decision made again on the same object adds nothing twice.
      audit.append(release, decision.audit());
    } catch (KubernetesClientException | NotOwnedObject e) {
      // A refused write, or an object of the name that is not the release's, holds the release
      // as a router that cannot act does: decided again with that as what the router reports, so
      // status, Stalled and the Event say why.
      TrafficBlock refusal =
          e instanceof NotOwnedObject notOwned
              ? notOwned.block()
              : WriteRefusal.of((KubernetesClientException) e).orElseThrow(() -> e);
      observations =
          new Observations(
              TrafficState.blocked(refusal), observations.evidence(), observations.measurements());
      decision = decider.decide(release, observations, now);
    }
    if (changed(release.getStatus(), decision.status())) {
      logTransition(release, decision.status());
      PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(
          release, withStatus(release, decision.status()), context);
    }
    events.record(release, decision.events());
    metrics.record(release, observations.traffic(), decision, now);
    UpdateControl<ModelRelease> control = UpdateControl.noUpdate();
    if (decision.traffic().isPresent() && movedByOwnWrite(release, context, router, observations)) {
      // The informer drops the events of the operator's own writes, and a write that changes no
      // pod (a canary step that rounds to the same split) brings no later event either: decide
      // again at once on what is now in force.
      return control.rescheduleAfter(Duration.ZERO);
    }
    return decision.requeueAfter().map(control::rescheduleAfter).orElse(control);
  }

  /**
   * A release this operator cannot read is reported and left alone, while the others go on: the
   * informer kept running ({@code ModelReleaseReader}). Its status says why when only its spec is
   * unreadable; an unreadable status is not replaced, as it holds the approved versions' history.
   * The log names the release and the field, not the value (logs travel further than the release's
   * RBAC; status and Events carry the whole text).
   */
  private UpdateControl<ModelRelease> leaveUnreadable(
      ModelRelease release, Context<ModelRelease> context, Instant now) {
    String fields =
        Stream.of(release.unreadableSpec(), release.unreadableStatus())
            .flatMap(Optional::stream)
            .map(problem -> problem.substring(0, Math.max(0, problem.indexOf(": "))))
            .collect(Collectors.joining(", "));
    if (release.unreadableStatus().isPresent()) {
      LOG.error(
          "ModelRelease {}/{} cannot be read at {} and is left as it is, status included, until"
              + " it is fixed",
          release.getMetadata().getNamespace(),
          release.getMetadata().getName(),
          fields);
      return UpdateControl.noUpdate();
    }
    LOG.error(
        "ModelRelease {}/{} cannot be read at {} and is left as it is until it is fixed; its"
            + " status says why",
        release.getMetadata().getNamespace(),
        release.getMetadata().getName(),
        fields);
    Decision decision = decider.decideUnreadable(release, release.unreadableSpec().get(), now);
    if (changed(release.getStatus(), decision.status())) {
      PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(
          release, withStatus(release, decision.status()), context);
    }
    events.record(release, decision.events());
    return UpdateControl.noUpdate();
  }

  private static boolean movedByOwnWrite(
      ModelRelease release,
      Context<ModelRelease> context,
      TrafficRouter router,
      Observations before) {
    return !before.traffic().isBlocked()
        && !observe(router, release, context).equals(before.traffic());
  }

  /**
   * What is in force, whichever router: none may act beside a Deployment or Service of the
   * release's name that is not its own, so the decision sees a router that cannot act, and asks for
   * nothing but a rollback (which only scales down what the release owns).
   */
  private static TrafficState observe(
      TrafficRouter router, ModelRelease release, Context<ModelRelease> context) {
    return OwnedObjects.notOwned(release, context)
        .map(TrafficState::blocked)
        .orElseGet(() -> router.observe(release, context));
  }

  /** With the kill switch set the decision is a rollback: no new measurement is started. */
  private static boolean incident(ModelRelease release) {
    return new ReleaseAnnotations(release.getMetadata().getAnnotations()).killSwitch().isPresent();
  }

  /** A fresh object holding only identity and status: the operator never writes the spec. */
  private static ModelRelease withStatus(ModelRelease release, ModelReleaseStatus status) {
    ModelRelease fresh = new ModelRelease();
    fresh.setMetadata(
        new ObjectMetaBuilder()
            .withName(release.getMetadata().getName())
            .withNamespace(release.getMetadata().getNamespace())
            .build());
    fresh.setStatus(status);
    return fresh;
  }

  private static boolean changed(ModelReleaseStatus before, ModelReleaseStatus after) {
    return before == null
        || !Objects.equals(Serialization.asJson(before), Serialization.asJson(after));
  }

  /**
   * One line per change of phase or reason. Not the message: it can quote evidence (a security
   * finding's title, a spec value), and logs travel further than the release's own RBAC reaches;
   * status and Events carry the full text.
   */
  private static void logTransition(ModelRelease release, ModelReleaseStatus status) {
    ModelReleaseStatus before = release.getStatus();
    if (before == null
        || before.getPhase() != status.getPhase()
        || !Objects.equals(before.getReason(), status.getReason())) {
      LOG.info(
          "{} ({}), gates {}{}",
          status.getPhase(),
          status.getReason(),
          status.getGateSummary(),
          status.getCanary() == null
              ? ""
              : ", canary "
                  + status.getCanary().version()
                  + " step "
                  + status.getCanary().step()
                  + "/"
                  + status.getCanary().steps()
                  + " at "
                  + status.getCanary().weight()
                  + "%");
    }
  }
}
