package com.warehouseexport.export;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.tenancy.Plan;
import org.junit.jupiter.api.Test;

class ExportPlanGateTest {

  @Test
  void downloadsNeedProOrEnterprise() {
    String free = ExportPlanGate.refusal(Plan.FREE, ExportJob.DESTINATION_DOWNLOAD);
    assertTrue(free.contains("Pro and Enterprise") && free.contains("FREE"), free);
    assertNull(ExportPlanGate.refusal(Plan.PRO, ExportJob.DESTINATION_DOWNLOAD));
    assertNull(ExportPlanGate.refusal(Plan.ENTERPRISE, ExportJob.DESTINATION_DOWNLOAD));
  }

  @Test
  void bucketExportsNeedEnterprise() {
    for (Plan plan : new Plan[] {Plan.FREE, Plan.PRO}) {
      String refusal = ExportPlanGate.refusal(plan, ExportJob.DESTINATION_S3);
      assertTrue(
          refusal.contains("Enterprise plan")
              && refusal.contains(plan.name())
              && refusal.contains("not delivered to the bucket"),
          refusal);
    }
    assertNull(ExportPlanGate.refusal(Plan.ENTERPRISE, ExportJob.DESTINATION_S3));
  }

  @Test
  void tableExportsNeedEnterpriseAndTheRefusalTalksAboutTheTable() {
    for (Plan plan : new Plan[] {Plan.FREE, Plan.PRO}) {
      String refusal = ExportPlanGate.refusal(plan, ExportJob.DESTINATION_POSTGRESQL);
      assertTrue(
          refusal.contains("Enterprise plan")
              && refusal.contains(plan.name())
              && refusal.contains("PostgreSQL table")
              && refusal.endsWith("not delivered to the table."),
          refusal);
      assertFalse(refusal.contains("Automatic export to a bucket"), refusal);
      assertFalse(refusal.contains("the bucket."), refusal);
    }
    assertNull(ExportPlanGate.refusal(Plan.ENTERPRISE, ExportJob.DESTINATION_POSTGRESQL));
  }
}
