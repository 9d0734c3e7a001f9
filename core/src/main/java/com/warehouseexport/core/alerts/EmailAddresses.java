package com.warehouseexport.core.alerts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A notification target's e-mail addresses: comma-, semicolon- or whitespace-separated, each a
 * plain {@code local@domain} address (no display names, no comments, no line breaks), at most
 * {@value #MAX} distinct ones. The domain is one or more DNS labels: a dotless one ({@code
 * team@localhost}, {@code ops@mailhub}) is accepted, as a mail server on an internal network
 * delivers to it and the default sender {@code warehouse-export@localhost} is one.
 */
public final class EmailAddresses {

  /** At most this many addresses per target. */
  public static final int MAX = 20;

  private static final Pattern ADDRESS =
      Pattern.compile(
          "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

  private EmailAddresses() {}

  /**
   * The addresses in {@code text}, in order, without duplicates (case-insensitive domain).
   *
   * @throws IllegalArgumentException with a message for an admin when there is none, too many, or
   *     one is not a plain address
   */
  public static List<String> parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("Enter at least one e-mail address");
    }
    Set<String> seen = new LinkedHashSet<>();
    List<String> result = new ArrayList<>();
    for (String raw : text.strip().split("[,;\\s]+")) {
      if (raw.isEmpty()) {
        continue;
      }
      if (raw.length() > 254 || !ADDRESS.matcher(raw).matches()) {
        throw new IllegalArgumentException("'" + shorten(raw) + "' is not an e-mail address");
      }
      int at = raw.lastIndexOf('@');
      String normal = raw.substring(0, at) + "@" + raw.substring(at + 1).toLowerCase(Locale.ROOT);
      if (seen.add(normal.toLowerCase(Locale.ROOT))) {
        result.add(normal);
      }
    }
    if (result.isEmpty()) {
      throw new IllegalArgumentException("Enter at least one e-mail address");
    }
    if (result.size() > MAX) {
      throw new IllegalArgumentException("At most " + MAX + " e-mail addresses per target");
    }
    return List.copyOf(result);
  }

  private static String shorten(String s) {
    String clean = s.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 60 ? clean.substring(0, 60) + "…" : clean;
  }
}
