package dev.releasegate.analysis;

import java.net.URI;
import java.util.Map;

/**
 * Where this process reaches the cluster Services a spec's metric sources name, such as {@code
 * http://prometheus.monitoring.svc:9090}. In a cluster the cluster's DNS does that, and this is
 * empty. Outside one (the embedded demo) a Service the demo serves is reached at a local address
 * instead, so a release applied as written (an example, or a copy of one) queries it; status and
 * messages keep naming the address the spec gives.
 *
 * @param byOrigin local base URLs by the origin ({@code scheme://host:port}) a spec names
 */
public record ServiceAddresses(Map<String, String> byOrigin) {

  public ServiceAddresses {
    byOrigin = Map.copyOf(byOrigin);
  }

  /** Every address as written: what a process in the cluster uses. */
  public static ServiceAddresses none() {
    return new ServiceAddresses(Map.of());
  }

  /**
   * A Service's addresses as cluster DNS resolves them ({@code name.namespace}, {@code
   * name.namespace.svc}, {@code name.namespace.svc.cluster.local}), all reached at {@code local}.
   */
  public static ServiceAddresses service(String name, String namespace, int port, String local) {
    String host = name + "." + namespace;
    return new ServiceAddresses(
        Map.of(
            "http://" + host + ":" + port, local,
            "http://" + host + ".svc:" + port, local,
            "http://" + host + ".svc.cluster.local:" + port, local));
  }

  /** The URL to send a request to for {@code url} as a spec names it. */
  public URI reach(String url) {
    URI uri = URI.create(url);
    if (uri.getScheme() == null || uri.getHost() == null) {
      return uri;
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    String local = byOrigin.get(uri.getScheme() + "://" + uri.getHost() + ":" + port);
    if (local == null) {
      return uri;
    }
    String rest =
        url.substring(url.indexOf(uri.getRawAuthority()) + uri.getRawAuthority().length());
    return URI.create(local.replaceAll("/+$", "") + rest);
  }
}
