package com.warehouseexport.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserLinksTest {

  private static final Instant T1 = Instant.parse("2026-11-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-05T10:00:00Z");

  @Test
  void withoutLinksThereIsNoDefaultCompany() {
    assertEquals(Optional.empty(), new UserLinks().defaultCompanyAt(T1));
  }

  @Test
  void anEventBeforeTheFirstLinkHasNoDefaultCompany() {
    UserLinks links = new UserLinks();
    links.link("acme", T1);
    assertEquals(Optional.empty(), links.defaultCompanyAt(T1.minusMillis(1)));
  }

  @Test
  void aLinkAppliesFromItsOwnTimestampInclusive() {
    UserLinks links = new UserLinks();
    links.link("acme", T1);
    assertEquals(Optional.of("acme"), links.defaultCompanyAt(T1));
    assertEquals(Optional.of("acme"), links.defaultCompanyAt(T1.plusSeconds(3600)));
  }

  @Test
  void theLatestLinkAtOrBeforeTheEventWins() {
    UserLinks links = new UserLinks();
    links.link("globex", T2);
    links.link("acme", T1); // recorded out of order: time decides, not arrival
    assertEquals(Optional.of("acme"), links.defaultCompanyAt(T2.minusMillis(1)));
    assertEquals(Optional.of("globex"), links.defaultCompanyAt(T2));
    assertEquals(
        Optional.of("globex"), links.defaultCompanyAt(Instant.parse("2030-01-01T00:00:00Z")));
  }

  @Test
  void aLaterLinkDoesNotChangeEarlierAttribution() {
    UserLinks links = new UserLinks();
    links.link("acme", T1);
    Instant between = T1.plusSeconds(60);
    links.link("globex", T2);
    assertEquals(Optional.of("acme"), links.defaultCompanyAt(between));
  }

  @Test
  void onTheSameTimestampTheLinkRecordedLastWins() {
    UserLinks links = new UserLinks();
    assertTrue(links.link("acme", T1));
    assertTrue(links.link("globex", T1), "a different company at the same instant is new");
    assertEquals(Optional.of("globex"), links.defaultCompanyAt(T1));
    assertTrue(links.link("acme", T1));
    assertEquals(Optional.of("acme"), links.defaultCompanyAt(T1));
  }

  @Test
  void linkReportsWhetherTheLinkWasNew() {
    UserLinks links = new UserLinks();
    assertTrue(links.link("acme", T1));
    assertFalse(links.link("acme", T1), "exactly this link is known");
    assertTrue(links.link("acme", T2), "the same company at another time is a new link");
  }

  @Test
  void relinkingToTheSameCompanyKeepsItTheDefault() {
    UserLinks links = new UserLinks();
    links.link("acme", T1);
    links.link("globex", T2);
    links.link("acme", T2.plusSeconds(10));
    assertEquals(Optional.of("globex"), links.defaultCompanyAt(T2.plusSeconds(5)));
    assertEquals(Optional.of("acme"), links.defaultCompanyAt(T2.plusSeconds(10)));
  }
}
