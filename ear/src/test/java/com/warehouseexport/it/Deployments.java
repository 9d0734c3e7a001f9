package com.warehouseexport.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The one deployment every integration test uses: the EAR this build produced, as shipped. */
public final class Deployments {

  private Deployments() {}

  public static EnterpriseArchive ear() {
    File ear = new File(System.getProperty("ear.file", "target/warehouse-export.ear"));
    return ShrinkWrap.create(ZipImporter.class, "warehouse-export.ear")
        .importFrom(ear)
        .as(EnterpriseArchive.class);
  }
}
