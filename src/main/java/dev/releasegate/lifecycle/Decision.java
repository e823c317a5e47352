package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.ModelReleaseStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the reconciler must do: write this status, ask the router for this traffic (empty: leave
 * traffic exactly as it is), record these events, keep this packet record (a promotion's evidence),
 * add these acts to the release's audit trail, and look again after this long.
 */
public record Decision(
    ModelReleaseStatus status,
    Optional<TrafficTarget> traffic,
    List<ReleaseEvent> events,
    Optional<Duration> requeueAfter,
    Optional<PacketRecord> packetRecord,
    List<AuditEntry> audit) {}
