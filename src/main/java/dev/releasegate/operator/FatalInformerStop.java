package dev.releasegate.operator;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.api.config.InformerStoppedHandler;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What JOSDK does by default when an informer fails after the start, said where a person sees it.
 * The process still stops (an informer that failed stays stopped, so a restart that lists afresh is
 * the way back, as a pod gets), but the reason is kept for {@link #reason()}: the embedded demo,
 * whose log is a file in a folder removed at exit, prints it on its terminal before it goes.
 *
 * <p>A failure before the informers synced is left to JOSDK, which then fails the start with it; an
 * informer stopped without an error was stopped on purpose.
 */
final class FatalInformerStop implements InformerStoppedHandler {
  private static final Logger LOG = LoggerFactory.getLogger(FatalInformerStop.class);

  private final AtomicReference<String> reason = new AtomicReference<>();
  private final Runnable exit;

  /** {@code exit} ends the process; tests pass one that does not. */
  FatalInformerStop(Runnable exit) {
    this.exit = exit;
  }

  @Override
  public void onStop(SharedIndexInformer informer, Throwable error) {
    if (error == null || !informer.hasSynced()) {
      return;
    }
    reason.set("the informer for " + informer + " failed: " + rootMessage(error));
    LOG.error("Fatal error in the informer for {}: stopping the operator", informer, error);
    exit.run();
  }

  /** Why the operator stopped, if an informer failed after the start. */
  Optional<String> reason() {
    return Optional.ofNullable(reason.get());
  }

  /** The first line of the deepest cause's message: the watch's own wrapper says little. */
  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.toString() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
