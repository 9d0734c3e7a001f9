package com.warehouseexport.core.s3;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the bucket settings an administrator types into a validated {@link S3Location}, or an
 * {@link InvalidS3SettingException} whose message says what is wrong and whose field names the
 * offending input.
 *
 * <h2>AWS bucket URL</h2>
 *
 * Accepted forms (host matching is case-insensitive; the region is lower-cased):
 *
 * <ul>
 *   <li>{@code https://<bucket>.s3.<region>.amazonaws.com[/key...][/]} — the canonical form;
 *   <li>{@code https://<bucket>.s3-<region>.amazonaws.com[/key]} — the legacy dash form, still
 *       served by AWS for older regions; the region is taken from it;
 *   <li>{@code https://<bucket>.s3.dualstack.<region>.amazonaws.com[/key]};
 *   <li>{@code https://s3.<region>.amazonaws.com/<bucket>[/key]} — path-style, as some tools print
 *       it.
 * </ul>
 *
 * Refused: {@code http://} and other schemes, the global form {@code
 * https://<bucket>.s3.amazonaws.com} (it carries no region, and guessing {@code us-east-1} would
 * fail later for buckets elsewhere), static-website hosts, ports, user info, query strings and
 * fragments. The path is percent-decoded (UTF-8; {@code +} is literal) and becomes the key prefix.
 * The bucket name must be given in lower case as S3 requires. The region must look like an AWS
 * region ({@code <area>-<direction>-<n>}, e.g. {@code eu-west-1}, {@code us-gov-west-1}); the check
 * is a pattern, not a fixed list, so new regions are accepted.
 *
 * <h2>Bucket names</h2>
 *
 * AWS and CUSTOM use the S3 general-purpose bucket rules: 3–63 characters of lower-case letters,
 * digits, dots and hyphens; begins and ends with a letter or digit; no two adjacent dots; not an
 * IPv4 address; not a reserved prefix ({@code xn--}, {@code sthree-}, {@code amzn-s3-demo-}) or
 * suffix ({@code -s3alias}, {@code --ol-s3}, {@code .mrap}, {@code --x-s3}, {@code --table-s3}).
 * GCP follows Cloud Storage rules instead: underscores are also allowed, dotted names may be up to
 * 222 characters with dot-separated parts of at most 63, and the {@code goog} prefix is reserved.
 *
 * <h2>Key prefix</h2>
 *
 * Surrounding blanks are removed, repeated slashes collapse and leading/trailing slashes are
 * dropped ({@code "/a//b/"} becomes {@code "a/b"}); a missing key becomes {@code ""}. Control
 * characters, {@code .} or {@code ..} segments and prefixes over {@value #MAX_KEY_PREFIX_BYTES}
 * UTF-8 bytes are refused.
 *
 * <h2>Region (GCP, CUSTOM)</h2>
 *
 * 1–64 letters, digits, hyphens and underscores starting with a letter or digit, e.g. {@code
 * europe-west1}, {@code us-east-1} or {@code auto} (Cloudflare R2).
 *
 * <h2>Endpoint (CUSTOM)</h2>
 *
 * An absolute {@code https} or {@code http} URL with a host and optional port, and nothing else: no
 * user info, no path other than {@code /}, no query, no fragment. It is normalized to {@code
 * scheme://host[:port]} in lower case. Whether the host may be contacted at all is decided
 * separately by {@code com.warehouseexport.core.net.EndpointGuard}.
 */
public final class S3LocationParser {

  /** The S3-compatible endpoint of Google Cloud Storage. */
  public static final URI GCP_ENDPOINT = URI.create("https://storage.googleapis.com");

  /** Longest accepted key prefix, in UTF-8 bytes (S3 keys may have 1024; the rest is ours). */
  public static final int MAX_KEY_PREFIX_BYTES = 512;

  static final String FIELD_BUCKET_URL = "bucketUrl";
  static final String FIELD_BUCKET = "bucket";
  static final String FIELD_REGION = "region";
  static final String FIELD_KEY = "key";
  static final String FIELD_ENDPOINT = "endpoint";

  private static final String AWS_SHAPE =
      "The bucket URL must look like https://<bucket>.s3.<region>.amazonaws.com/<optional key>";

  private static final Pattern VIRTUAL_HOSTED =
      Pattern.compile(
          "(.+)\\.s3(?:\\.dualstack\\.|\\.|-)([^.]+)\\.amazonaws\\.com", Pattern.CASE_INSENSITIVE);
  private static final Pattern PATH_STYLE =
      Pattern.compile(
          "s3(?:\\.dualstack\\.|\\.|-)([^.]+)\\.amazonaws\\.com", Pattern.CASE_INSENSITIVE);
  private static final Pattern GLOBAL =
      Pattern.compile("(?:.+\\.)?s3\\.amazonaws\\.com", Pattern.CASE_INSENSITIVE);
  private static final Pattern WEBSITE =
      Pattern.compile(".*\\.s3-website[.-].*", Pattern.CASE_INSENSITIVE);

  private static final Pattern AWS_REGION =
      Pattern.compile(
          "[a-z]{2}(?:-gov|-iso[a-z]?)?-(?:central|north|south|east|west"
              + "|northeast|northwest|southeast|southwest)-[1-9][0-9]?");
  private static final Pattern GENERIC_REGION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  private static final Pattern S3_BUCKET_CHARS = Pattern.compile("[a-z0-9.-]{3,63}");
  private static final Pattern GCS_BUCKET_CHARS = Pattern.compile("[a-z0-9._-]{3,222}");
  private static final Pattern IPV4_LIKE = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+");
  private static final List<String> S3_RESERVED_PREFIXES =
      List.of("xn--", "sthree-", "amzn-s3-demo-");
  private static final List<String> S3_RESERVED_SUFFIXES =
      List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

  private S3LocationParser() {}

  /**
   * Parses an AWS bucket URL (see the class documentation for the accepted forms).
   *
   * @throws InvalidS3SettingException with field {@code "bucketUrl"}
   */
  public static S3Location aws(String bucketUrl) {
    String f = FIELD_BUCKET_URL;
    if (bucketUrl == null || bucketUrl.isBlank()) {
      throw new InvalidS3SettingException(f, "The bucket URL is required");
    }
    String url = bucketUrl.strip();
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("s3://")) {
      throw new InvalidS3SettingException(
          f,
          "s3:// URLs are not accepted: the bucket URL must look like"
              + " https://<bucket>.s3.<region>.amazonaws.com/<optional key>");
    }
    if (!lower.startsWith("https://")) {
      throw new InvalidS3SettingException(f, "The bucket URL must start with https://");
    }
    if (hasControlOrSpace(url)) {
      throw new InvalidS3SettingException(
          f, "The bucket URL must not contain spaces or control characters");
    }
    if (url.indexOf('?') >= 0) {
      throw new InvalidS3SettingException(
          f, "The bucket URL must not contain a query string (the part starting with '?')");
    }
    if (url.indexOf('#') >= 0) {
      throw new InvalidS3SettingException(
          f, "The bucket URL must not contain a fragment (the part starting with '#')");
    }
    String rest = url.substring("https://".length());
    int slash = rest.indexOf('/');
    String host = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash);
    if (host.indexOf('@') >= 0) {
      throw new InvalidS3SettingException(
          f, "The bucket URL must not contain a user name or password");
    }
    if (host.indexOf(':') >= 0) {
      throw new InvalidS3SettingException(f, "The bucket URL must not contain a port");
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.isEmpty()) {
      throw new InvalidS3SettingException(f, AWS_SHAPE);
    }
    if (WEBSITE.matcher(host).matches()) {
      throw new InvalidS3SettingException(
          f,
          "This is a static website URL; use the bucket's URL"
              + " https://<bucket>.s3.<region>.amazonaws.com/<optional key>");
    }

    String bucket;
    String region;
    String keyPath;
    Matcher virtual = VIRTUAL_HOSTED.matcher(host);
    Matcher pathStyle = PATH_STYLE.matcher(host);
    if (virtual.matches()) {
      bucket = virtual.group(1);
      region = virtual.group(2).toLowerCase(Locale.ROOT);
      keyPath = path;
    } else if (GLOBAL.matcher(host).matches()) {
      throw new InvalidS3SettingException(
          f,
          "The bucket URL must include the bucket's region, as in"
              + " https://<bucket>.s3.<region>.amazonaws.com/<optional key>"
              + " (the form without a region, <bucket>.s3.amazonaws.com, is not accepted)");
    } else if (pathStyle.matches()) {
      region = pathStyle.group(1).toLowerCase(Locale.ROOT);
      String withoutSlash = path.isEmpty() ? "" : path.substring(1);
      int end = withoutSlash.indexOf('/');
      bucket = end < 0 ? withoutSlash : withoutSlash.substring(0, end);
      keyPath = end < 0 ? "" : withoutSlash.substring(end);
      if (bucket.isEmpty()) {
        throw new InvalidS3SettingException(
            f, "The bucket URL does not name a bucket. " + AWS_SHAPE);
      }
      bucket = percentDecode(bucket, f);
    } else {
      throw new InvalidS3SettingException(f, AWS_SHAPE);
    }
    validateBucket(bucket, f, false);
    if (!AWS_REGION.matcher(region).matches()) {
      throw new InvalidS3SettingException(f, quote(region) + " is not a valid AWS region");
    }
    String key = normalizeKey(percentDecode(keyPath, f), f);
    return new S3Location(S3Provider.AWS, bucket, region, key, null, false);
  }

  /**
   * Validates Google Cloud Storage settings (S3-compatible XML API at {@link #GCP_ENDPOINT},
   * path-style).
   *
   * @param key optional key prefix; null or blank for none
   * @throws InvalidS3SettingException with field {@code "bucket"}, {@code "region"} or {@code
   *     "key"}
   */
  public static S3Location gcp(String bucket, String region, String key) {
    String b = requireBucket(bucket);
    validateBucket(b, FIELD_BUCKET, true);
    String r = validateGenericRegion(region, "e.g. europe-west1, us or auto");
    String k = normalizeKey(key, FIELD_KEY);
    return new S3Location(S3Provider.GCP, b, r, k, GCP_ENDPOINT, true);
  }

  /**
   * Validates settings for any other S3-compatible service (path-style).
   *
   * @param key optional key prefix; null or blank for none
   * @param endpoint e.g. {@code https://<ACCOUNT_ID>.eu.r2.cloudflarestorage.com}
   * @throws InvalidS3SettingException with field {@code "bucket"}, {@code "region"}, {@code "key"}
   *     or {@code "endpoint"}
   */
  public static S3Location custom(String bucket, String region, String key, String endpoint) {
    String b = requireBucket(bucket);
    validateBucket(b, FIELD_BUCKET, false);
    String r = validateGenericRegion(region, "e.g. us-east-1, or auto for Cloudflare R2");
    String k = normalizeKey(key, FIELD_KEY);
    URI e = parseEndpoint(endpoint);
    return new S3Location(S3Provider.CUSTOM, b, r, k, e, true);
  }

  /** Whether {@code region} (lower case) looks like an AWS region, e.g. {@code eu-west-1}. */
  static boolean isAwsRegion(String region) {
    return AWS_REGION.matcher(region).matches();
  }

  // ---------------------------------------------------------------- bucket

  private static String requireBucket(String bucket) {
    if (bucket == null || bucket.isBlank()) {
      throw new InvalidS3SettingException(FIELD_BUCKET, "The bucket name is required");
    }
    return bucket.strip();
  }

  private static void validateBucket(String b, String field, boolean gcs) {
    String prefix = quote(b) + " is not a valid bucket name: ";
    if (gcs) {
      if (!GCS_BUCKET_CHARS.matcher(b).matches()
          || (b.length() > 63 && b.indexOf('.') < 0)
          || hasLongLabel(b)) {
        throw new InvalidS3SettingException(
            field,
            prefix
                + "bucket names use lowercase letters, digits, dots, hyphens and underscores"
                + " (3–63 characters, or up to 222 with dots)");
      }
    } else if (!S3_BUCKET_CHARS.matcher(b).matches()) {
      throw new InvalidS3SettingException(
          field,
          prefix
              + "bucket names use lowercase letters, digits, dots and hyphens (3–63 characters)");
    }
    if (!isLetterOrDigit(b.charAt(0)) || !isLetterOrDigit(b.charAt(b.length() - 1))) {
      throw new InvalidS3SettingException(
          field, prefix + "it must begin and end with a letter or digit");
    }
    if (b.contains("..")) {
      throw new InvalidS3SettingException(field, prefix + "it must not contain two adjacent dots");
    }
    if (IPV4_LIKE.matcher(b).matches()) {
      throw new InvalidS3SettingException(
          field, prefix + "it must not be formatted as an IP address");
    }
    if (gcs) {
      if (b.startsWith("goog")) {
        throw new InvalidS3SettingException(
            field, prefix + "names starting with 'goog' are reserved");
      }
      return;
    }
    for (String reserved : S3_RESERVED_PREFIXES) {
      if (b.startsWith(reserved)) {
        throw new InvalidS3SettingException(
            field, prefix + "names starting with '" + reserved + "' are reserved");
      }
    }
    for (String reserved : S3_RESERVED_SUFFIXES) {
      if (b.endsWith(reserved)) {
        throw new InvalidS3SettingException(
            field, prefix + "names ending with '" + reserved + "' are reserved");
      }
    }
  }

  private static boolean hasLongLabel(String b) {
    for (String label : b.split("\\.", -1)) {
      if (label.length() > 63) {
        return true;
      }
    }
    return false;
  }

  private static boolean isLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  // ---------------------------------------------------------------- region

  private static String validateGenericRegion(String region, String examples) {
    if (region == null || region.isBlank()) {
      throw new InvalidS3SettingException(FIELD_REGION, "The region is required");
    }
    String r = region.strip();
    if (!GENERIC_REGION.matcher(r).matches()) {
      throw new InvalidS3SettingException(
          FIELD_REGION,
          quote(r)
              + " is not a valid region: use letters, digits, hyphens and underscores ("
              + examples
              + ")");
    }
    return r;
  }

  // ---------------------------------------------------------------- key

  /**
   * Normalizes a key prefix as described in the class documentation.
   *
   * @return the prefix without leading or trailing slashes, {@code ""} for null or blank
   * @throws InvalidS3SettingException with the given field
   */
  static String normalizeKey(String key, String field) {
    if (key == null) {
      return "";
    }
    String k = key.strip();
    for (int i = 0; i < k.length(); i++) {
      char c = k.charAt(i);
      if (Character.isISOControl(c)) {
        throw new InvalidS3SettingException(field, "The key must not contain control characters");
      }
    }
    if (!StandardCharsets.UTF_8.newEncoder().canEncode(k)) {
      throw new InvalidS3SettingException(field, "The key contains invalid characters");
    }
    StringBuilder normalized = new StringBuilder(k.length());
    for (String segment : k.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw new InvalidS3SettingException(
            field, "The key must not contain '.' or '..' path segments");
      }
      if (normalized.length() > 0) {
        normalized.append('/');
      }
      normalized.append(segment);
    }
    String result = normalized.toString();
    if (result.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_PREFIX_BYTES) {
      throw new InvalidS3SettingException(
          field, "The key is too long: at most " + MAX_KEY_PREFIX_BYTES + " bytes are allowed");
    }
    return result;
  }

  // ---------------------------------------------------------------- endpoint

  private static URI parseEndpoint(String endpoint) {
    String f = FIELD_ENDPOINT;
    if (endpoint == null || endpoint.isBlank()) {
      throw new InvalidS3SettingException(
          f, "The endpoint is required for a custom S3-compatible provider");
    }
    String e = endpoint.strip();
    URI uri;
    try {
      uri = new URI(e);
    } catch (URISyntaxException ex) {
      throw new InvalidS3SettingException(
          f,
          quote(e)
              + " is not a valid endpoint URL: expected e.g."
              + " https://<ACCOUNT_ID>.eu.r2.cloudflarestorage.com");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new InvalidS3SettingException(f, "The endpoint must start with https:// or http://");
    }
    if (uri.isOpaque() || uri.getRawAuthority() == null) {
      throw new InvalidS3SettingException(f, "The endpoint must include a host name");
    }
    if (uri.getRawUserInfo() != null) {
      throw new InvalidS3SettingException(
          f, "The endpoint must not contain a user name or password");
    }
    if (uri.getHost() == null) {
      throw new InvalidS3SettingException(
          f, "The endpoint must include a valid host name (letters, digits, dots and hyphens)");
    }
    if (uri.getRawQuery() != null) {
      throw new InvalidS3SettingException(f, "The endpoint must not contain a query string");
    }
    if (uri.getRawFragment() != null) {
      throw new InvalidS3SettingException(f, "The endpoint must not contain a fragment");
    }
    String path = uri.getRawPath();
    if (path != null && !path.isEmpty() && !path.equals("/")) {
      throw new InvalidS3SettingException(
          f,
          "The endpoint must not contain a path: enter only https://host[:port]"
              + " (the bucket and key have their own fields)");
    }
    int port = uri.getPort();
    if (port != -1 && (port < 1 || port > 65535)) {
      throw new InvalidS3SettingException(f, "The endpoint port must be between 1 and 65535");
    }
    try {
      return new URI(scheme, null, uri.getHost().toLowerCase(Locale.ROOT), port, null, null, null);
    } catch (URISyntaxException ex) {
      throw new InvalidS3SettingException(f, quote(e) + " is not a valid endpoint URL");
    }
  }

  // ---------------------------------------------------------------- helpers

  private static boolean hasControlOrSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        return true;
      }
    }
    return false;
  }

  private static String percentDecode(String s, String field) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
        int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw new InvalidS3SettingException(
              field,
              "The bucket URL contains an invalid percent-encoding:"
                  + " '%' must be followed by two hexadecimal digits");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          encoded = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.writeBytes(encoded);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException ex) {
      throw new InvalidS3SettingException(
          field, "The bucket URL contains a percent-encoding that is not valid UTF-8");
    }
  }

  /** Quotes user input for a message, shortening very long values. */
  static String quote(String value) {
    String v = value.length() > 80 ? value.substring(0, 77) + "..." : value;
    return "'" + v + "'";
  }
}
