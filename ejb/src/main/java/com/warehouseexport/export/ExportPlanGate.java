package com.warehouseexport.export;

import com.warehouseexport.tenancy.Plan;
import com.warehouseexport.tenancy.PlanNotAllowedException;
import com.warehouseexport.tenancy.ProvisioningService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

/**
 * The one plan rule for every way an export runs — start, restart, crash recovery, take-over and
 * the publish step: a download needs PRO or ENTERPRISE, an automatic export (bucket or table) needs
 * ENTERPRISE. The plan is read when the check runs, so an organization downgraded while an export
 * was running, failed or stopped is held to its new plan.
 */
@Stateless
public class ExportPlanGate {

  @EJB private ProvisioningService provisioning;

  /**
   * Why the environment's organization may not run an export to {@code destination} now ({@link
   * ExportJob#DESTINATION_DOWNLOAD}, or a period destination such as {@link
   * ExportJob#DESTINATION_S3}); null when it may.
   */
  public String refusal(long environmentId, String destination) {
    Plan plan = provisioning.environment(environmentId).getOrganization().getPlan();
    return refusal(plan, destination);
  }

  /** The rule itself, for a known plan. */
  public static String refusal(Plan plan, String destination) {
    if (!ExportJob.isDownload(destination)) {
      if (plan.allowsAutomaticExport()) {
        return null;
      }
      boolean table = ExportJob.DESTINATION_POSTGRESQL.equals(destination);
      return "Automatic export (to a bucket or a PostgreSQL table) is part of the Enterprise plan;"
          + " this organization is on "
          + plan
          + ", so the export is not delivered to "
          + (table ? "the table." : "the bucket.");
    }
    return plan.allowsManualExport()
        ? null
        : "Export is part of the Pro and Enterprise plans; this organization is on " + plan + ".";
  }

  /** Throws {@link PlanNotAllowedException} (HTTP 403) with the refusal, if any. */
  public void require(long environmentId, String destination) {
    String refusal = refusal(environmentId, destination);
    if (refusal != null) {
      throw new PlanNotAllowedException(refusal);
    }
  }
}
