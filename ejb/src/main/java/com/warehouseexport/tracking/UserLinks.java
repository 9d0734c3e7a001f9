package com.warehouseexport.tracking;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The companies one user was linked to over time. An event or feedback without a {@code companyId}
 * belongs to the user's <em>default company</em>: the company the user was last linked to at or
 * before the event's timestamp. When two links share a timestamp, the one recorded last wins.
 */
public final class UserLinks {

  private final TreeMap<Instant, String> companyByLinkTime = new TreeMap<>();

  /** Records a link; returns false when exactly this link (time and company) was known already. */
  public boolean link(String companyId, Instant at) {
    String previous = companyByLinkTime.put(at, companyId);
    return !companyId.equals(previous);
  }

  /** The default company at {@code at}, if the user was linked to any company by then. */
  public Optional<String> defaultCompanyAt(Instant at) {
    Map.Entry<Instant, String> entry = companyByLinkTime.floorEntry(at);
    return entry == null ? Optional.empty() : Optional.of(entry.getValue());
  }
}
