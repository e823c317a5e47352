package dev.releasegate.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class of the integration tier: it starts the embedded API, kubectl, Prometheus or a child
 * JVM, so it takes seconds rather than milliseconds. Surefire ({@code mvn test}) leaves these out;
 * Failsafe runs them in the integration-test phase, before the real-control-plane tests ({@code
 * *IT}). {@code TiersTest} fails when a class that starts any of those is not marked, or a class
 * marked starts none.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(Integration.TAG)
public @interface Integration {
  /** The JUnit tag, which pom.xml names to split the tiers. */
  String TAG = "integration";
}
