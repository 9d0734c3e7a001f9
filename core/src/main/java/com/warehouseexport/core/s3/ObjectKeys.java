package com.warehouseexport.core.s3;

import com.warehouseexport.core.csv.OutputFormat;
import com.warehouseexport.core.schedule.Cadence;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Deterministic object keys of the automatic export, so that re-running a period replaces its
 * objects instead of duplicating them.
 *
 * <p>Layout, with {@code <d>} the period as ISO date ({@code yyyy-MM-dd}) and {@code <c>} the
 * cadence id ({@code daily} or {@code weekly}):
 *
 * <pre>
 * [&lt;prefix&gt;/]company-usage/&lt;c&gt;/date=&lt;d&gt;/company-usage-&lt;env&gt;-&lt;d&gt;.csv
 * [&lt;prefix&gt;/]company-usage/&lt;c&gt;/date=&lt;d&gt;/company-usage-&lt;env&gt;-&lt;d&gt;.manifest.json
 * </pre>
 *
 * e.g. {@code
 * exports/company-usage/daily/date=2026-11-26/company-usage-production-12-2026-11-26.csv}. The
 * {@code date=} folder is Hive-style partitioning, understood by warehouse loaders. There is no
 * leading slash when the prefix is empty. Several environments may share a bucket and prefix: the
 * environment slug in the file name keeps their objects apart.
 */
public final class ObjectKeys {

  /** The folder under the prefix that holds all export objects. */
  public static final String ROOT_FOLDER = "company-usage";

  /** Longest name part of a slug, before {@code -<id>}. */
  static final int MAX_SLUG_NAME_LENGTH = 40;

  private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
  private static final Pattern NON_SLUG_RUN = Pattern.compile("[^a-z0-9]+");
  private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

  private ObjectKeys() {}

  /**
   * The key of the CSV of one environment and period.
   *
   * @param keyPrefix the location's prefix; {@code ""} for none (surrounding slashes are ignored)
   * @param environmentSlug a slug as made by {@link #slug}
   * @param period the period; a Sunday for {@link Cadence#WEEKLY}
   * @throws IllegalArgumentException for an invalid slug or a weekly period that is not a Sunday
   */
  public static String dataKey(
      String keyPrefix, String environmentSlug, Cadence cadence, LocalDate period) {
    return dataKey(keyPrefix, environmentSlug, cadence, period, OutputFormat.CSV);
  }

  /** The key of the data file in {@code format}: ends {@code .csv} or {@code .csv.gz}. */
  public static String dataKey(
      String keyPrefix,
      String environmentSlug,
      Cadence cadence,
      LocalDate period,
      OutputFormat format) {
    return folder(keyPrefix, cadence, period)
        + fileBase(environmentSlug, period)
        + format.extension();
  }

  /** The key of the manifest written after the CSV; same folder as {@link #dataKey}. */
  public static String manifestKey(
      String keyPrefix, String environmentSlug, Cadence cadence, LocalDate period) {
    return folder(keyPrefix, cadence, period)
        + fileBase(environmentSlug, period)
        + ".manifest.json";
  }

  /**
   * The folder (ending with {@code /}) holding the objects of a period, e.g. {@code
   * exports/company-usage/weekly/date=2026-11-29/}.
   */
  public static String folder(String keyPrefix, Cadence cadence, LocalDate period) {
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    Objects.requireNonNull(cadence, "cadence");
    cadence.requireValidPeriod(period);
    String prefix = stripSlashes(keyPrefix);
    return (prefix.isEmpty() ? "" : prefix + "/")
        + ROOT_FOLDER
        + "/"
        + cadence.id()
        + "/date="
        + period
        + "/";
  }

  /**
   * A safe, lower-case slug for an environment: its name folded to ASCII (accents dropped), runs of
   * other characters replaced by {@code -}, trimmed to {@value #MAX_SLUG_NAME_LENGTH} characters,
   * followed by {@code -<environmentId>}; {@code "env-<id>"} when nothing is left of the name. E.g.
   * {@code ("Production", 12)} gives {@code "production-12"} and {@code ("Équipe QA / Staging", 7)}
   * gives {@code "equipe-qa-staging-7"}. The id keeps slugs unique even when names collide. Note
   * that renaming an environment changes its slug, hence its keys.
   *
   * @throws IllegalArgumentException when {@code environmentId} is negative
   */
  public static String slug(String environmentName, long environmentId) {
    if (environmentId < 0) {
      throw new IllegalArgumentException("environmentId must not be negative: " + environmentId);
    }
    String name = environmentName == null ? "" : environmentName;
    String folded =
        COMBINING_MARKS
            .matcher(Normalizer.normalize(name, Normalizer.Form.NFKD))
            .replaceAll("")
            .toLowerCase(Locale.ROOT);
    String base = trimHyphens(NON_SLUG_RUN.matcher(folded).replaceAll("-"));
    if (base.length() > MAX_SLUG_NAME_LENGTH) {
      base = trimHyphens(base.substring(0, MAX_SLUG_NAME_LENGTH));
    }
    if (base.isEmpty()) {
      base = "env";
    }
    return base + "-" + environmentId;
  }

  private static String fileBase(String environmentSlug, LocalDate period) {
    Objects.requireNonNull(environmentSlug, "environmentSlug");
    if (!SLUG.matcher(environmentSlug).matches()) {
      throw new IllegalArgumentException(
          "Not a valid environment slug (lowercase letters, digits, single hyphens): '"
              + environmentSlug
              + "'");
    }
    return ROOT_FOLDER + "-" + environmentSlug + "-" + period;
  }

  private static String stripSlashes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '/') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(start, end);
  }

  private static String trimHyphens(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '-') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '-') {
      end--;
    }
    return s.substring(start, end);
  }
}
