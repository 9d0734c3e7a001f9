package com.warehouseexport.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which stored events and feedback a late link re-attributes (PRODUCT.md §2): an item stored
 * without a {@code companyId} belongs to the company its user was last linked to at or before the
 * item's timestamp, whatever order the links arrived in. When new links arrive, every such item of
 * those users at or after the earliest new link (and within {@link RawDataWindows#lateLinkWindow})
 * is decided again with all links known; those whose company changes move. Pure logic: the rows
 * come from {@link JdbcTrackingStore}, the moves go into {@link TrackingBatch#reattribute}.
 */
public final class LateLinks {

  private LateLinks() {}

  /** What a stored row is. */
  public enum Kind {
    EVENT,
    FEEDBACK
  }

  /**
   * A stored event or feedback whose company follows its user's links: its id, feature key (the
   * event name), user, the company it is attributed to now (null: none) and its timestamp.
   */
  public record StoredRow(
      Kind kind, long id, String featureKey, String userId, String companyId, long occurredAt) {}

  /** A row moving to {@code toCompany} (null only if no link precedes it any more: never). */
  public record Move(StoredRow row, String toCompany) {}

  /** Per user, the earliest timestamp of the links this batch adds (epoch ms). */
  public static Map<String, Long> earliestNewLink(List<TrackingBatch.Link> newLinks) {
    Map<String, Long> earliest = new HashMap<>();
    for (TrackingBatch.Link link : newLinks) {
      earliest.merge(link.userId(), link.at(), Math::min);
    }
    return earliest;
  }

  /**
   * The rows whose default company changes.
   *
   * @param rows stored rows of the users with new links (any timestamp; earlier ones are skipped)
   * @param earliestNewLink {@link #earliestNewLink} of the batch
   * @param links every link of a user, the new ones included
   */
  public static List<Move> moves(
      List<StoredRow> rows, Map<String, Long> earliestNewLink, Function<String, UserLinks> links) {
    List<Move> moves = new ArrayList<>();
    for (StoredRow row : rows) {
      Long from = earliestNewLink.get(row.userId());
      if (from == null || row.occurredAt() < from) {
        continue; // no new link at or before it: its company cannot change
      }
      String to =
          links
              .apply(row.userId())
              .defaultCompanyAt(Instant.ofEpochMilli(row.occurredAt()))
              .orElse(null);
      if (!Objects.equals(to, row.companyId())) {
        moves.add(new Move(row, to));
      }
    }
    return moves;
  }
}
