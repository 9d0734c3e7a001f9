package com.warehouseexport.core.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Deterministic demo tracking data: N companies × M features × D days, as ingestion API items (JSON
 * objects with a {@code type}, ready for {@code POST /api/v1/track/bulk}), emitted in timestamp
 * order. The same options and seed always give the same items.
 */
public final class DemoDataGenerator {

  /** What to generate; {@code endDate} is the last day with activity. */
  public record Options(int companies, int features, int days, long seed, LocalDate endDate) {
    public Options {
      if (companies < 1 || features < 1 || days < 1) {
        throw new IllegalArgumentException("companies, features and days must be at least 1");
      }
    }
  }

  /** A feature of the demo environment. */
  public record DemoFeature(String key, String name) {}

  private static final String[] FEATURE_NAMES = {
    "Dashboards",
    "CSV export",
    "Send to Slack",
    "Alerts",
    "Saved views",
    "Funnels",
    "Cohorts",
    "Annotations",
    "API access",
    "SSO",
    "Scheduled reports",
    "Custom fields"
  };
  private static final String[] NAME_PARTS = {
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Vandelay",
    "Stark",
    "Wayne",
    "Tyrell",
    "Cyberdyne",
    "Soylent",
    "Wonka",
    "Gringotts",
    "Oscorp",
    "Aperture",
    "Nakatomi"
  };
  private static final String[] SUFFIXES = {"Inc.", "GmbH", "Ltd", "AB", "SAS", "& Co.", "Labs"};
  private static final String[] PLANS = {"free", "pro", "enterprise"};
  private static final String[] REGIONS = {"de", "fr", "se", "us", "gb", "jp"};

  private final Options options;

  public DemoDataGenerator(Options options) {
    this.options = options;
  }

  public List<DemoFeature> features() {
    List<DemoFeature> features = new ArrayList<>();
    for (int f = 0; f < options.features(); f++) {
      String base = FEATURE_NAMES[f % FEATURE_NAMES.length];
      String name = f < FEATURE_NAMES.length ? base : base + " " + (f / FEATURE_NAMES.length + 1);
      features.add(new DemoFeature(name.toLowerCase().replace(' ', '-'), name));
    }
    return features;
  }

  /** Segment definitions (id, name, conditions JSON) for the demo environment. */
  public List<String[]> segments() {
    return List.of(
        new String[] {
          "enterprise",
          "Enterprise customers",
          "[{\"attribute\":\"plan\",\"operator\":\"is\",\"value\":\"enterprise\"}]"
        },
        new String[] {
          "eu",
          "EU",
          "[{\"attribute\":\"region\",\"operator\":\"any of\",\"values\":[\"de\",\"fr\",\"se\"]}]"
        },
        new String[] {
          "big",
          "Big accounts",
          "[{\"attribute\":\"seats\",\"operator\":\"greater than\",\"value\":100}]"
        });
  }

  /** Emits every item, in timestamp order, as a JSON object text. */
  public void generate(Consumer<String> sink) {
    SplittableRandom random = new SplittableRandom(options.seed());
    int n = options.companies();
    List<DemoFeature> features = features();
    LocalDate start = options.endDate().minusDays(options.days() - 1L);
    int[] firstDay = new int[n];
    int[] users = new int[n];
    double[][] propensity = new double[n][features.size()];
    for (int c = 0; c < n; c++) {
      firstDay[c] = random.nextInt(Math.max(1, options.days() / 3));
      users[c] = 1 + random.nextInt(4);
      for (int f = 0; f < features.size(); f++) {
        double r = random.nextDouble();
        propensity[c][f] = r < 0.25 ? 0 : r < 0.5 ? 0.05 : r < 0.8 ? 0.3 : 0.8;
      }
    }
    for (int d = 0; d < options.days(); d++) {
      LocalDate day = start.plusDays(d);
      long dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      List<long[]> order = new ArrayList<>();
      List<String> items = new ArrayList<>();
      for (int c = 0; c < n; c++) {
        if (d < firstDay[c]) {
          continue;
        }
        String company = companyId(c);
        if (d == firstDay[c]) {
          long at = dayStart + 8 * 3_600_000L + random.nextInt(3_600_000);
          for (int u = 0; u < users[c]; u++) {
            add(items, order, at + u, companyCall(c, company, userId(c, u), random, at + u));
          }
        }
        for (int f = 0; f < features.size(); f++) {
          for (int u = 0; u < users[c]; u++) {
            if (random.nextDouble() < propensity[c][f]) {
              long at = dayStart + 9 * 3_600_000L + random.nextInt(10 * 3_600_000);
              boolean explicit = random.nextInt(4) != 0;
              add(
                  items,
                  order,
                  at,
                  event(features.get(f).key(), userId(c, u), explicit ? company : null, at));
              if (random.nextInt(40) == 0) {
                int score = 1 + random.nextInt(5);
                add(
                    items,
                    order,
                    at + 1,
                    feedback(features.get(f).key(), userId(c, u), company, score, at + 1));
              }
            }
          }
        }
      }
      Integer[] idx = new Integer[items.size()];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = i;
      }
      java.util.Arrays.sort(idx, Comparator.comparingLong(i -> order.get(i)[0]));
      for (Integer i : idx) {
        sink.accept(items.get(i));
      }
    }
  }

  private static void add(List<String> items, List<long[]> order, long at, String json) {
    order.add(new long[] {at});
    items.add(json);
  }

  static String companyId(int c) {
    return String.format("c-%05d", c + 1);
  }

  static String userId(int c, int u) {
    return String.format("u-%05d-%d", c + 1, u + 1);
  }

  private static String companyCall(
      int c, String company, String user, SplittableRandom r, long at) {
    String name =
        NAME_PARTS[c % NAME_PARTS.length]
            + (c >= NAME_PARTS.length ? " " + (c / NAME_PARTS.length + 1) : "")
            + " "
            + SUFFIXES[c % SUFFIXES.length];
    int seats = 5 + r.nextInt(300);
    return "{\"type\":\"company\",\"companyId\":"
        + quote(company)
        + ",\"userId\":"
        + quote(user)
        + ",\"attributes\":{\"name\":"
        + quote(name)
        + ",\"plan\":"
        + quote(PLANS[c % 3])
        + ",\"seats\":"
        + seats
        + ",\"region\":"
        + quote(REGIONS[c % REGIONS.length])
        + "},\"timestamp\":"
        + quote(Instant.ofEpochMilli(at).toString())
        + "}";
  }

  private static String event(String feature, String user, String company, long at) {
    return "{\"type\":\"event\",\"event\":"
        + quote(feature)
        + ",\"userId\":"
        + quote(user)
        + (company == null ? "" : ",\"companyId\":" + quote(company))
        + ",\"timestamp\":"
        + quote(Instant.ofEpochMilli(at).toString())
        + "}";
  }

  private static String feedback(String feature, String user, String company, int score, long at) {
    return "{\"type\":\"feedback\",\"featureKey\":"
        + quote(feature)
        + ",\"userId\":"
        + quote(user)
        + ",\"companyId\":"
        + quote(company)
        + ",\"score\":"
        + score
        + ",\"timestamp\":"
        + quote(Instant.ofEpochMilli(at).toString())
        + "}";
  }

  /** A JSON string literal. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (ch < 0x20) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
