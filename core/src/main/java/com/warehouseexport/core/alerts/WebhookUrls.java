package com.warehouseexport.core.alerts;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The shape of a webhook URL: absolute {@code https://} with a host, a port (if given) from 1 to
 * 65535, no user info, no fragment, at most {@value #MAX_LENGTH} characters. Where it may point is
 * the SSRF guard's decision ({@code core.net.EndpointGuard}), made when it is saved and again at
 * every delivery.
 */
public final class WebhookUrls {

  public static final int MAX_LENGTH = 2000;

  private WebhookUrls() {}

  /**
   * The parsed URL.
   *
   * @throws IllegalArgumentException with a message for an admin
   */
  public static URI parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("Enter the webhook URL");
    }
    String s = text.strip();
    if (s.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "The webhook URL is longer than " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(s);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("The webhook URL is not a valid URL");
    }
    if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("https")) {
      throw new IllegalArgumentException("The webhook URL must start with https://");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("The webhook URL has no host name");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      throw new IllegalArgumentException("The webhook URL's port must be a number from 1 to 65535");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "The webhook URL must not contain a user name or password");
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException("The webhook URL must not contain a #fragment");
    }
    return uri;
  }
}
