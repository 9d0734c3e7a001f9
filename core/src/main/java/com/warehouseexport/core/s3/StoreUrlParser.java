package com.warehouseexport.core.s3;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the operator's export store URL ({@code EXPORT_STORE_URL}): the S3-compatible bucket that
 * holds finished manual exports so that every node can serve their downloads.
 *
 * <h2>Form</h2>
 *
 * <pre>
 * s3://&lt;bucket&gt;[/&lt;prefix&gt;][?endpoint=&lt;http(s)://host[:port]&gt;][&amp;region=&lt;region&gt;]
 * </pre>
 *
 * <ul>
 *   <li>{@code s3://exports/warehouse?endpoint=http://minio:9000} — MinIO, s3proxy, Ceph, R2 or any
 *       other S3-compatible server: path-style requests to the endpoint; the region defaults to
 *       {@value #DEFAULT_CUSTOM_REGION} ({@code auto} for Cloudflare R2);
 *   <li>{@code s3://acme-exports/warehouse?region=eu-west-1} — AWS S3: no endpoint, the region is
 *       required (the SDK picks the regional endpoint).
 * </ul>
 *
 * The bucket, key prefix, region and endpoint follow the same rules as a customer's bucket settings
 * ({@link S3LocationParser}); the prefix may be empty. Query values may be percent-encoded (e.g.
 * {@code endpoint=http%3A%2F%2Fminio%3A9000}). Credentials never go into the URL: they have their
 * own variables, and a URL with a user name or password is refused. Unknown or repeated parameters
 * and fragments are refused too, so a typo such as {@code ?regoin=} cannot go unnoticed.
 *
 * <p>Messages never repeat the whole URL nor any query value other than the ones checked, so they
 * can be logged.
 *
 * <p>Whether the endpoint may be contacted is not checked here: the store is configured by the
 * operator, not by a customer, so the SSRF guard for customer endpoints does not apply to it.
 */
public final class StoreUrlParser {

  /** The region of a custom endpoint when the URL names none. */
  public static final String DEFAULT_CUSTOM_REGION = "us-east-1";

  /** An example of the form, for messages. */
  public static final String EXAMPLE = "s3://<bucket>/<prefix>?endpoint=http://minio:9000";

  private static final String SCHEME = "s3://";

  private StoreUrlParser() {}

  /**
   * Parses a store URL.
   *
   * @return a CUSTOM location (path-style) when an endpoint is given, else an AWS location
   * @throws IllegalArgumentException with a message for the operator when the URL is malformed
   */
  public static S3Location parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("The store URL is empty; expected " + EXAMPLE);
    }
    String u = url.strip();
    if (!u.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw new IllegalArgumentException(
          "The store URL must start with s3://, as in "
              + EXAMPLE
              + " (an http(s) address of the server goes into the endpoint parameter)");
    }
    for (int i = 0; i < u.length(); i++) {
      char c = u.charAt(i);
      if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        throw new IllegalArgumentException(
            "The store URL must not contain spaces or control characters");
      }
    }
    if (u.indexOf('#') >= 0) {
      throw new IllegalArgumentException(
          "The store URL must not contain a fragment (the part starting with '#')");
    }
    String rest = u.substring(SCHEME.length());
    int q = rest.indexOf('?');
    String query = q < 0 ? "" : rest.substring(q + 1);
    String location = q < 0 ? rest : rest.substring(0, q);
    int slash = location.indexOf('/');
    String bucket = slash < 0 ? location : location.substring(0, slash);
    String prefix = slash < 0 ? "" : location.substring(slash);
    if (bucket.indexOf('@') >= 0) {
      throw new IllegalArgumentException(
          "The store URL must not contain a user name or password: set the credentials in"
              + " EXPORT_STORE_ACCESS_KEY_ID and EXPORT_STORE_SECRET_ACCESS_KEY");
    }
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException("The store URL names no bucket; expected " + EXAMPLE);
    }
    if (bucket.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "The store URL's bucket must not have a port: the server's address goes into the"
              + " endpoint parameter, as in "
              + EXAMPLE);
    }
    Map<String, String> parameters = parameters(query);
    String endpoint = parameters.get("endpoint");
    String region = parameters.get("region");
    String key = decode(prefix, "prefix");
    try {
      if (endpoint == null) {
        if (region == null) {
          throw new IllegalArgumentException(
              "The store URL needs an endpoint parameter for an S3-compatible server (as in "
                  + EXAMPLE
                  + "), or a region parameter for AWS S3 (as in s3://<bucket>/<prefix>?region="
                  + "eu-west-1)");
        }
        return aws(bucket, region, key);
      }
      return S3LocationParser.custom(
          bucket, region == null ? DEFAULT_CUSTOM_REGION : region, key, endpoint);
    } catch (InvalidS3SettingException e) {
      String part = e.field().equals(S3LocationParser.FIELD_KEY) ? "prefix" : e.field();
      throw new IllegalArgumentException("The store URL's " + part + " is invalid: " + message(e));
    }
  }

  private static S3Location aws(String bucket, String region, String key) {
    String r = region.toLowerCase(Locale.ROOT);
    S3Location checked = S3LocationParser.custom(bucket, r, key, "https://s3.amazonaws.com");
    if (!S3LocationParser.isAwsRegion(r)) {
      throw new InvalidS3SettingException(
          S3LocationParser.FIELD_REGION,
          S3LocationParser.quote(r) + " is not a valid AWS region (e.g. eu-west-1)");
    }
    return new S3Location(
        S3Provider.AWS, checked.bucket(), r, checked.keyPrefix(), null, /* pathStyle */ false);
  }

  private static String message(InvalidS3SettingException e) {
    String m = e.getMessage();
    return m.endsWith(".") || m.endsWith(")") ? m : m + ".";
  }

  private static Map<String, String> parameters(String query) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (query.isEmpty()) {
      return parameters;
    }
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (!name.equals("endpoint") && !name.equals("region")) {
        throw new IllegalArgumentException(
            "The store URL has an unknown parameter "
                + S3LocationParser.quote(name)
                + ": only endpoint and region are accepted");
      }
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
      if (value.isBlank()) {
        throw new IllegalArgumentException(
            "The store URL's " + name + " parameter is empty; expected " + EXAMPLE);
      }
      if (parameters.put(name, value) != null) {
        throw new IllegalArgumentException(
            "The store URL has the " + name + " parameter more than once");
      }
    }
    return parameters;
  }

  /** Percent-decodes a URL part ({@code +} stays a plus sign). */
  private static String decode(String s, String part) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "The store URL's "
              + part
              + " contains an invalid percent-encoding: '%' must be followed by two hexadecimal"
              + " digits");
    }
  }
}
