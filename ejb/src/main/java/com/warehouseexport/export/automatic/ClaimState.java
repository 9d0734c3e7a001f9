package com.warehouseexport.export.automatic;

/** The delivery state of a claimed period (column {@code state}; see migration V3). */
public enum ClaimState {
  STARTED,
  RETRYING,
  LANDED,
  FAILED,
  MISSED,
  /** Fell due while automatic export was auto-paused ({@link AutoPause}); no execution. */
  PAUSED;

  String column() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static ClaimState of(String column) {
    return valueOf(column.toUpperCase(java.util.Locale.ROOT));
  }
}
