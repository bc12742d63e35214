package io.budai.admin.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Refuses webhook URLs that would make admin-service call into its own network (SSRF): anything but
 * http(s), and hosts that resolve to a loopback, private, link-local (cloud metadata),
 * carrier-grade NAT, unique-local, multicast or unspecified address — unless private targets are
 * explicitly allowed ({@code BUDAI_WEBHOOK_ALLOW_PRIVATE=true}, for local development and tests).
 * Checked when the URL is saved and again before every attempt, since DNS answers change.
 */
final class UrlGuard {

  private final boolean allowPrivate;

  UrlGuard(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /** Why a URL is not acceptable as a webhook target. */
  sealed interface Refusal {
    String reason();

    /** The URL itself is unusable. */
    record Invalid(String reason) implements Refusal {}

    /** The host resolves to an address webhooks may not reach. */
    record Forbidden(String reason) implements Refusal {}

    /** The host does not resolve (perhaps only for now). */
    record Unresolved(String reason) implements Refusal {}
  }

  /** The refusal of {@code url}, or empty when it may be called. */
  Optional<Refusal> check(@Nullable String url) {
    if (url == null || url.isBlank()) {
      return Optional.of(new Refusal.Invalid("The webhook URL is empty."));
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      return Optional.of(new Refusal.Invalid("Not a valid URL: " + e.getReason() + "."));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of(new Refusal.Invalid("Only http and https webhook URLs are accepted."));
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      return Optional.of(new Refusal.Invalid("The webhook URL has no host."));
    }
    if (url.length() > 2048) {
      return Optional.of(new Refusal.Invalid("The webhook URL is longer than 2048 characters."));
    }
    if (allowPrivate) {
      return Optional.empty();
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return Optional.of(new Refusal.Unresolved("The host " + host + " does not resolve."));
    }
    for (InetAddress address : addresses) {
      if (isInternal(address)) {
        return Optional.of(
            new Refusal.Forbidden(
                "The host "
                    + host
                    + " resolves to "
                    + address.getHostAddress()
                    + ", a loopback/private/link-local address; webhooks may only call public"
                    + " addresses (set BUDAI_WEBHOOK_ALLOW_PRIVATE=true to allow it)."));
      }
    }
    return Optional.empty();
  }

  static boolean isInternal(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 // "this network"
          || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
          || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          || (first == 198 && (second == 18 || second == 19)) // benchmarking
          || first >= 240; // reserved and broadcast
    }
    if (address instanceof Inet6Address) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) {
        return true; // unique local fc00::/7
      }
      boolean mapped = true; // ::ffff:a.b.c.d carries an IPv4 address
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        try {
          return isInternal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
          return true;
        }
      }
    }
    return false;
  }
}
