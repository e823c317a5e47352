package dev.releasegate.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names and labels for the objects the operator creates. Kubernetes limits label values and Service
 * names to 63 characters, so long names keep a prefix and gain a short hash that keeps them unique.
 *
 * <p>A name derived from a release and a version cannot be the two joined by a dash: {@code ("a-b",
 * "c")} and {@code ("a", "b-c")} would share one, and so would versions {@code 1.0.0} and {@code
 * 1-0-0} once made a DNS label. Such names end in a hash of the exact pair, so two versions never
 * share a Deployment or a packet record. Service names are a contract with the people who write
 * routes and clients ({@code <release>}, {@code <release>-stable}), so they stay readable; a
 * Service of that name that is not the release's own is refused, never taken over.
 */
public final class ObjectNames {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "releasegate";
  public static final String RELEASE = "releasegate.dev/release";
  public static final String TRACK = "releasegate.dev/track";
  public static final String VERSION = "releasegate.dev/version";

  /** On a candidate Deployment: the weight the router was asked to give it. */
  public static final String WEIGHT = "releasegate.dev/weight";

  /** On a Deployment: a digest of the pod template it was rendered from. */
  public static final String TEMPLATE_HASH = "releasegate.dev/template-hash";

  public static final String STABLE = "stable";
  public static final String CANARY = "canary";

  /** The previous approved version, kept during the observation period for a rollback. */
  public static final String PREVIOUS = "previous";

  private static final int MAX = 63;

  /** 40 bits: a collision needs about a million versions of one release. */
  private static final int UNIQUE_HASH = 10;

  private ObjectNames() {}

  /** The value of the release label for a release name. */
  public static String releaseLabel(String release) {
    return fit(release);
  }

  /** The Service's name: a DNS label, so dots become dashes. */
  public static String service(String release) {
    return fit(release.toLowerCase(Locale.ROOT).replace('.', '-'));
  }

  /**
   * The Service in front of one track of a release (Gateway API router): {@code <release>-stable}
   * or {@code <release>-canary}.
   */
  public static String trackService(String release, String track) {
    return fit(release.toLowerCase(Locale.ROOT).replace('.', '-') + "-" + track);
  }

  /** On a packet record: marks it, so records can be listed with a label selector. */
  public static final String PACKET_RECORD = "releasegate.dev/packet-record";

  /**
   * The immutable ConfigMap holding the packet record of one promoted version: {@code
   * <release>-packet-<version>-<hash>}.
   */
  public static String packetRecord(String release, String version) {
    return unique(slug(release) + "-packet-" + slug(version), release + "/" + version);
  }

  /** On a release's audit trail: marks it, so trails can be listed with a label selector. */
  public static final String AUDIT_TRAIL = "releasegate.dev/audit-trail";

  /** The ConfigMap holding a release's audit trail: {@code <release>-audit-<hash>}. */
  public static String auditTrail(String release) {
    return unique(slug(release) + "-audit", release + "/audit");
  }

  /** The Deployment serving one version of a release: {@code <release>-<version>-<hash>}. */
  public static String deployment(String release, String version) {
    return unique(slug(release) + "-" + slug(version), release + "/" + version);
  }

  private static String slug(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
  }

  /**
   * A readable prefix and a hash of {@code exact}: the hash tells apart what the prefix cannot.
   * Neither a release name nor a version holds a {@code /}, so {@code release/version} is exact.
   */
  private static String unique(String readable, String exact) {
    String hash = digest(exact).substring(0, UNIQUE_HASH);
    return trimmed(readable, MAX - hash.length() - 1) + "-" + hash;
  }

  private static String fit(String name) {
    if (name.length() <= MAX) {
      return name;
    }
    String hash = digest(name).substring(0, 8);
    return trimmed(name, MAX - hash.length() - 1) + "-" + hash;
  }

  /** At most {@code length} characters, ending in neither a dash nor a dot. */
  private static String trimmed(String name, int length) {
    return name.substring(0, Math.min(name.length(), length)).replaceAll("[-.]+$", "");
  }

  public static String digest(String text) {
    return digest(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The hex SHA-256 of some bytes. */
  public static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
