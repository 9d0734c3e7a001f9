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

  /**
   * A counter change for one usage rollup row; a usage a late link moved away is {@link #REMOVED}
   * (count -1, first/last untouched: they are read again from the raw events).
   */
  public record Usage(long count, long firstAt, long lastAt) {
    static final Usage REMOVED = new Usage(-1, Long.MAX_VALUE, Long.MIN_VALUE);

    Usage plus(Usage o) {
      return new Usage(count + o.count, Math.min(firstAt, o.firstAt), Math.max(lastAt, o.lastAt));
    }
  }

  /**
   * A company-day change: the first instant seen that day and how many sightings (calls, events,
   * feedback) it adds; a sighting a late link moved away is {@link #REMOVED}.
   */
  public record DaySeen(long firstAt, long sightings) {
    static final DaySeen REMOVED = new DaySeen(Long.MAX_VALUE, -1);

    DaySeen plus(DaySeen o) {
      return new DaySeen(Math.min(firstAt, o.firstAt), sightings + o.sightings);
    }
  }

  /** The latest value of an attribute and when it was set. */
  public record AttributeValue(String json, long at) {}

  /** A user -> company link to insert. */
  public record Link(String userId, String companyId, long at) {}

  /**
   * A raw event row, with the company it was attributed to (or null); {@code byLink}: sent without
   * a {@code companyId}, so its company follows the user's links (a late link may move it).
   */
  public record EventRow(
      String event,
      String userId,
      String companyId,
      long occurredAt,
      String attributesJson,
      boolean byLink) {}

  /**
   * A raw feedback row, with the company it was attributed to (or null); {@code byLink} as above.
   */
  public record FeedbackRow(
      String featureKey,
      String userId,
      String companyId,
      Integer score,
      String comment,
      long occurredAt,
      boolean byLink) {}

  final TreeMap<String, Span> companies = new TreeMap<>();
  final TreeMap<DayKey, DaySeen> companyDays = new TreeMap<>();
  final TreeMap<AttributeKey, AttributeValue> companyAttributes = new TreeMap<>();
  final TreeMap<String, Span> users = new TreeMap<>();
  final TreeMap<AttributeKey, AttributeValue> userAttributes = new TreeMap<>();
  final List<Link> newLinks = new ArrayList<>();
  final List<EventRow> events = new ArrayList<>();
  final List<FeedbackRow> feedback = new ArrayList<>();
  final TreeMap<UsageKey, Usage> usage = new TreeMap<>();
  final Set<String> featureKeys = new HashSet<>();

  /** Stored rows a late link moved ({@link #reattribute}). */
  final List<LateLinks.Move> moves = new ArrayList<>();

  /** Rollup rows and company days that lost a usage or sighting: deleted if none is left. */
  final TreeMap<UsageKey, Boolean> shrunkUsage = new TreeMap<>();

  final TreeMap<DayKey, Boolean> shrunkDays = new TreeMap<>();

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

  /**
   * Folds a request's items in: its links first (company calls, in the order received), then the
   * rest in the order received, so an event is attributed with every link of its own request too,
   * whatever their order in it.
   */
  public void addAll(List<TrackingItem> items) {
    for (TrackingItem item : items) {
      if (item instanceof TrackingItem.CompanyCall) {
        add(item);
      }
    }
    for (TrackingItem item : items) {
      if (!(item instanceof TrackingItem.CompanyCall)) {
        add(item);
      }
    }
  }

  /**
   * Folds stored rows a late link moves ({@link LateLinks#moves}): a usage and a sighting leave the
   * old company (its rollup row and company day are deleted when nothing is left), and arrive at
   * the new one exactly as if the row were ingested now.
   */
  public void reattribute(List<LateLinks.Move> rowMoves) {
    for (LateLinks.Move move : rowMoves) {
      LateLinks.StoredRow row = move.row();
      long at = row.occurredAt();
      boolean event = row.kind() == LateLinks.Kind.EVENT;
      if (row.companyId() != null) {
        DayKey day = new DayKey(row.companyId(), day(at));
        companyDays.merge(day, DaySeen.REMOVED, DaySeen::plus);
        shrunkDays.put(day, true);
        if (event) {
          UsageKey key = new UsageKey(row.companyId(), row.featureKey(), day(at));
          usage.merge(key, Usage.REMOVED, Usage::plus);
          shrunkUsage.put(key, true);
        }
      }
      if (move.toCompany() != null) {
        seeCompany(move.toCompany(), at);
        if (event) {
          usage.merge(
              new UsageKey(move.toCompany(), row.featureKey(), day(at)),
              new Usage(1, at, at),
              Usage::plus);
        }
      }
      moves.add(move);
    }
  }

  /** The new links this batch stores. */
  public List<Link> newLinks() {
    return newLinks;
  }

  /** Every link of a user known to this batch (stored and new). */
  public UserLinks linksOf(String userId) {
    return links(userId);
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
      events.add(
          new EventRow(
              e.event(), e.userId(), company, at, e.attributesJson(), e.companyId() == null));
      featureKeys.add(e.event());
      if (company != null) {
        seeCompany(company, at);
        usage.merge(new UsageKey(company, e.event(), day(at)), new Usage(1, at, at), Usage::plus);
      }
    } else if (item instanceof TrackingItem.FeedbackCall f) {
      seeUser(f.userId(), at);
      String company = attribute(f.companyId(), f.userId(), item.timestamp());
      feedback.add(
          new FeedbackRow(
              f.featureKey(),
              f.userId(),
              company,
              f.score(),
              f.comment(),
              at,
              f.companyId() == null));
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
    companyDays.merge(new DayKey(companyId, day(at)), new DaySeen(at, 1), DaySeen::plus);
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

  /**
   * First and last instant of every user the items reference: written (and so locked, in key order)
   * before the users' links are read, which serializes requests about the same user — a link and an
   * event of one user arriving at once see each other.
   */
  public static TreeMap<String, Span> userSpans(List<TrackingItem> items) {
    TreeMap<String, Span> spans = new TreeMap<>();
    for (TrackingItem item : items) {
      String user = null;
      if (item instanceof TrackingItem.CompanyCall c) {
        user = c.userId();
      } else if (item instanceof TrackingItem.UserCall u) {
        user = u.userId();
      } else if (item instanceof TrackingItem.EventCall e) {
        user = e.userId();
      } else if (item instanceof TrackingItem.FeedbackCall f) {
        user = f.userId();
      }
      if (user != null) {
        long at = item.timestamp().toEpochMilli();
        spans.merge(user, new Span(at, at), (a, b) -> a.widen(at));
      }
    }
    return spans;
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
