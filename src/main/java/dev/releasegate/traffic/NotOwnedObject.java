package dev.releasegate.traffic;

import dev.releasegate.lifecycle.TrafficBlock;

/**
 * A write found an object of the name it meant to create that the release does not control. The
 * reconciler holds the release with the block, as it does for a write the API server refuses.
 */
public final class NotOwnedObject extends RuntimeException {
  private final transient TrafficBlock block;

  NotOwnedObject(TrafficBlock block) {
    super(block.message());
    this.block = block;
  }

  public TrafficBlock block() {
    return block;
  }
}
