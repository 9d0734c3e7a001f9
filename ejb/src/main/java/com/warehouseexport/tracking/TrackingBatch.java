package com.warehouseexport.tracking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a list of tracking items changes, folded in memory before it is written: one row change per
 * key, keys sorted so that concurrent writers lock rows in the same order. Pure logic: it needs the
 * users' known links ({@link #knownLinks}) and answers everything else from the items.
 */
public final class TrackingBatch {

  /** A key of the usage rollup: company × feature × UTC epoch day. */
  public record UsageKey(String companyId, String featureKey, long day)
      implements Comparable<UsageKey> {
    @Override
    public int compareTo(UsageKey o) {
      int c = companyId.compareTo(o.companyId);
      if (c == 0) {
        c = featureKey.compareTo(o.featureKey);
      }
      return c != 0 ? c : Long.compare(day, o.day);
    }
  }

  /** A company × UTC day key. */
  public record DayKey(String id, long day) implements Comparable<DayKey> {
    @Override
    public int compareTo(DayKey o) {
      int c = id.compareTo(o.id);
      return c != 0 ? c : Long.compare(day, o.day);
    }
  }

  /** An attribute key of one company or user. */
  public record AttributeKey(String id, String key) implements Comparable<AttributeKey> {
    @Override
    public int compareTo(AttributeKey o) {
      int c = id.compareTo(o.id);
      return c != 0 ? c : key.compareTo(o.key);
    }
  }

  /** Earliest and latest instant something was seen. */
  public record Span(long first, long last) {
    Span widen(long at) {
      return new Span(Math.min(first, at), Math.max(last, at));
    }
  }

  /** A counter increment for one usage rollup row. */
  public record Usage(long count, long firstAt, long lastAt) {
    Usage add(long at) {
      return new Usage(count + 1, Math.min(firstAt, at), Math.max(lastAt, at));
    }
  }

  /** The latest value of an attribute and when it was set. */
  public record AttributeValue(String json, long at) {}

  /** A user -> company link to insert. */
  public record Link(String userId, String companyId, long at) {}

  /** A raw event row, with the company it was attributed to (or null). */
  public record EventRow(
      String event, String userId, String companyId, long occurredAt, String attributesJson) {}

  /** A raw feedback row, with the company it was attributed to (or null). */
  public record FeedbackRow(
      String featureKey,
      String userId,
      String companyId,
      Integer score,
      String comment,
      long occurredAt) {}

  final TreeMap<String, Span> companies = new TreeMap<>();
  final TreeMap<DayKey, Long> companyDays = new TreeMap<>();
  final TreeMap<AttributeKey, AttributeValue> companyAttributes = new TreeMap<>();
  final TreeMap<String, Span> users = new TreeMap<>();
  final TreeMap<AttributeKey, AttributeValue> userAttributes = new TreeMap<>();
  final List<Link> newLinks = new ArrayList<>();
  final List<EventRow> events = new ArrayList<>();
  final List<FeedbackRow> feedback = new ArrayList<>();
  final TreeMap<UsageKey, Usage> usage = new TreeMap<>();
  final Set<String> featureKeys = new HashSet<>();

  private final Function<String, UserLinks> knownLinks;

  /**
   * @param knownLinks the links already stored for a user (called once per user; must return a
   *     mutable instance the batch may add to)
   */
  public TrackingBatch(Function<String, UserLinks> knownLinks) {
    this.knownLinks = knownLinks;
  }

  private final Map<String, UserLinks> linksByUser = new java.util.HashMap<>();

  private UserLinks links(String userId) {
    return linksByUser.computeIfAbsent(userId, knownLinks);
  }

  /** Folds one item in; items must be added in the order they were received. */
  public void add(TrackingItem item) {
    long at = item.timestamp().toEpochMilli();
    if (item instanceof TrackingItem.CompanyCall c) {
      seeCompany(c.companyId(), at);
      c.attributes().forEach((k, v) -> setAttribute(companyAttributes, c.companyId(), k, v, at));
      if (c.userId() != null) {
        seeUser(c.userId(), at);
        if (links(c.userId()).link(c.companyId(), item.timestamp())) {
          newLinks.add(new Link(c.userId(), c.companyId(), at));
        }
      }
    } else if (item instanceof TrackingItem.UserCall u) {
      seeUser(u.userId(), at);
      u.attributes().forEach((k, v) -> setAttribute(userAttributes, u.userId(), k, v, at));
    } else if (item instanceof TrackingItem.EventCall e) {
      seeUser(e.userId(), at);
      String company = attribute(e.companyId(), e.userId(), item.timestamp());
      events.add(new EventRow(e.event(), e.userId(), company, at, e.attributesJson()));
      featureKeys.add(e.event());
      if (company != null) {
        seeCompany(company, at);
        usage.merge(
            new UsageKey(company, e.event(), day(at)), new Usage(1, at, at), (a, b) -> a.add(at));
      }
    } else if (item instanceof TrackingItem.FeedbackCall f) {
      seeUser(f.userId(), at);
      String company = attribute(f.companyId(), f.userId(), item.timestamp());
      feedback.add(
          new FeedbackRow(f.featureKey(), f.userId(), company, f.score(), f.comment(), at));
      featureKeys.add(f.featureKey());
      if (company != null) {
        seeCompany(company, at);
      }
    }
  }

  private String attribute(String explicitCompany, String userId, Instant at) {
    if (explicitCompany != null) {
      return explicitCompany;
    }
    return links(userId).defaultCompanyAt(at).orElse(null);
  }

  private void seeCompany(String companyId, long at) {
    companies.merge(companyId, new Span(at, at), (a, b) -> a.widen(at));
    companyDays.merge(new DayKey(companyId, day(at)), at, Math::min);
  }

  private void seeUser(String userId, long at) {
    users.merge(userId, new Span(at, at), (a, b) -> a.widen(at));
  }

  private static void setAttribute(
      Map<AttributeKey, AttributeValue> target, String id, String key, String json, long at) {
    target.merge(
        new AttributeKey(id, key),
        new AttributeValue(json, at),
        (old, neu) -> neu.at() >= old.at() ? neu : old);
  }

  static long day(long epochMillis) {
    return Math.floorDiv(epochMillis, 86_400_000L);
  }

  /** The UTC date of an epoch day as stored in the rollup tables. */
  public static LocalDate date(long epochDay) {
    return LocalDate.ofEpochDay(epochDay);
  }

  static LocalDate date(Instant at) {
    return at.atZone(ZoneOffset.UTC).toLocalDate();
  }

  /** The users this batch references, whose stored links the writer must load first. */
  public static Set<String> usersNeedingLinks(List<TrackingItem> items) {
    Set<String> users = new HashSet<>();
    for (TrackingItem item : items) {
      if (item instanceof TrackingItem.CompanyCall c && c.userId() != null) {
        users.add(c.userId());
      } else if (item instanceof TrackingItem.EventCall e && e.companyId() == null) {
        users.add(e.userId());
      } else if (item instanceof TrackingItem.FeedbackCall f && f.companyId() == null) {
        users.add(f.userId());
      }
    }
    return users;
  }
}
