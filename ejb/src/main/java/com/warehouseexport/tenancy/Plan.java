package com.warehouseexport.tenancy;

/** An organization's plan; it decides which export features the organization may use. */
public enum Plan {
  FREE,
  PRO,
  ENTERPRISE;

  /** Manual export (download) needs PRO or ENTERPRISE. */
  public boolean allowsManualExport() {
    return this != FREE;
  }

  /** Automatic export to the customer's bucket needs ENTERPRISE. */
  public boolean allowsAutomaticExport() {
    return this == ENTERPRISE;
  }

  /** Parses a plan name case-insensitively; the message lists the valid names. */
  public static Plan parse(String value) {
    if (value != null) {
      for (Plan plan : values()) {
        if (plan.name().equalsIgnoreCase(value.strip())) {
          return plan;
        }
      }
    }
    throw new IllegalArgumentException("plan must be one of FREE, PRO, ENTERPRISE");
  }
}
