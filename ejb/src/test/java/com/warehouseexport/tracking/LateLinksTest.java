package com.warehouseexport.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.warehouseexport.tracking.LateLinks.Kind;
import com.warehouseexport.tracking.LateLinks.Move;
import com.warehouseexport.tracking.LateLinks.StoredRow;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LateLinksTest {

  private static long ms(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  private static StoredRow row(long id, String company, String at) {
    return new StoredRow(Kind.EVENT, id, "reports", "u", company, ms(at));
  }

  private final Map<String, UserLinks> links = new HashMap<>();

  private UserLinks linksOf(String user) {
    return links.computeIfAbsent(user, u -> new UserLinks());
  }

  @Test
  void anUnattributedEventAfterALateLinkMovesToItsCompany() {
    linksOf("u").link("acme", Instant.parse("2026-11-01T09:00:00Z"));
    Map<String, Long> earliest =
        LateLinks.earliestNewLink(
            List.of(new TrackingBatch.Link("u", "acme", ms("2026-11-01T09:00:00Z"))));
    StoredRow before = row(1, null, "2026-11-01T08:59:59.999Z");
    StoredRow at = row(2, null, "2026-11-01T09:00:00Z");
    StoredRow after = row(3, null, "2026-11-01T10:00:00Z");
    assertEquals(
        List.of(new Move(at, "acme"), new Move(after, "acme")),
        LateLinks.moves(List.of(before, at, after), earliest, this::linksOf));
  }

  @Test
  void aMoveFromAToBAtTMovesOnlyTheEventsFromTOnUntilTheNextLink() {
    linksOf("u").link("a", Instant.parse("2026-11-01T00:00:00Z"));
    linksOf("u").link("b", Instant.parse("2026-11-05T00:00:00Z")); // the late one
    linksOf("u").link("c", Instant.parse("2026-11-09T00:00:00Z"));
    Map<String, Long> earliest =
        LateLinks.earliestNewLink(
            List.of(new TrackingBatch.Link("u", "b", ms("2026-11-05T00:00:00Z"))));
    StoredRow stillA = row(1, "a", "2026-11-04T23:00:00Z");
    StoredRow toB = row(2, "a", "2026-11-06T00:00:00Z");
    StoredRow alreadyB = row(3, "b", "2026-11-07T00:00:00Z");
    StoredRow stillC = row(4, "c", "2026-11-10T00:00:00Z");
    assertEquals(
        List.of(new Move(toB, "b")),
        LateLinks.moves(List.of(stillA, toB, alreadyB, stillC), earliest, this::linksOf));
  }

  @Test
  void usersWithoutANewLinkAreLeftAlone() {
    linksOf("v").link("acme", Instant.parse("2026-11-01T00:00:00Z"));
    StoredRow other =
        new StoredRow(Kind.FEEDBACK, 5, "reports", "v", null, ms("2026-11-02T00:00:00Z"));
    assertEquals(List.of(), LateLinks.moves(List.of(other), Map.of("u", 0L), this::linksOf));
  }

  @Test
  void theEarliestNewLinkPerUserCounts() {
    assertEquals(
        Map.of("u", 5L, "v", 7L),
        LateLinks.earliestNewLink(
            List.of(
                new TrackingBatch.Link("u", "a", 9),
                new TrackingBatch.Link("u", "b", 5),
                new TrackingBatch.Link("v", "a", 7))));
  }
}
