package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.Reason;

/**
 * Why a router cannot act on a release: what it routes through is missing, belongs to someone else,
 * or cannot do what the release needs. The release holds where it is until a person fixes it.
 *
 * @param reason why, for status and Events, for example HTTPRouteNotFound
 * @param message what is wrong and what to do, naming the object
 */
public record TrafficBlock(Reason reason, String message) {}
