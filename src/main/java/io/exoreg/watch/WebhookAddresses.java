package io.exoreg.watch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where webhooks may go: {@code https} URLs whose host resolves to public addresses only, never to
 * loopback, private, shared (carrier NAT), link-local (cloud metadata), multicast or reserved ones,
 * so that a watch cannot make the service call into its own network. A setting allows plain {@code
 * http} and any address, for tests and receivers on the same premises.
 */
public final class WebhookAddresses {
  static final String SETTING = "exoreg.webhooks.allow-private-addresses";

  private WebhookAddresses() {}

  /** Why this URL may not receive webhooks, or empty when it may; resolves its host. */
  public static Optional<String> refusal(String url, boolean allowPrivate) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.getHost() == null) {
      return Optional.of(
          "must be an absolute https URL with a host, e.g. https://example.com/hook");
    }
    if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
      return Optional.of("must be https; plain http is accepted only with " + SETTING + "=true");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("must not carry a user or password; the signature proves the sender");
    }
    if (allowPrivate) {
      return Optional.empty();
    }
    String host = uri.getHost();
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return Optional.of("names a host that does not resolve: " + host);
    }
    for (InetAddress address : addresses) {
      if (!isPublic(address)) {
        return Optional.of(
            "resolves to "
                + address.getHostAddress()
                + ", a loopback, private, link-local or reserved address; receivers must be"
                + " public, unless "
                + SETTING
                + "=true");
      }
    }
    return Optional.empty();
  }

  /** Whether an address is on the public internet. */
  static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first != 0 // "this network"
          && !(first == 100 && second >= 64 && second < 128) // shared address space, carrier NAT
          && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          && !(first == 198 && (second == 18 || second == 19)) // benchmarking
          && first < 240; // reserved, and the broadcast address
    }
    if (address instanceof Inet6Address) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) {
        return false; // unique local, fc00::/7
      }
      if (first == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
        return embeddedIsPublic(b); // 64:ff9b::/96 translates to the IPv4 address it ends with
      }
      boolean mapped = true; // ::ffff:a.b.c.d, which Java reads as IPv4 itself; and ::a.b.c.d
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      if (mapped) {
        return embeddedIsPublic(b);
      }
    }
    return true;
  }

  /** Whether the IPv4 address in the last four bytes of an IPv6 address is public. */
  private static boolean embeddedIsPublic(byte[] b) {
    try {
      return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
