package dev.releasegate.analysis;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/**
 * Why a metric source did not answer, in words for status: the JDK's HTTP client throws a
 * ConnectException with no message when a port refuses, which read as "did not answer: null".
 */
final class Unanswered {
  private Unanswered() {}

  static String why(IOException e, Duration timeout) {
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + timeout.toSeconds() + " s";
    }
    if (e instanceof ConnectException) {
      return e.getCause() instanceof UnresolvedAddressException
          ? "its host name does not resolve"
          : "the connection was refused";
    }
    return e.getMessage() == null || e.getMessage().isBlank()
        ? e.getClass().getSimpleName()
        : e.getMessage();
  }
}
