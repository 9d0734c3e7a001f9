package com.warehouseexport.batch.publish;

import com.warehouseexport.batch.ExportParameters;
import com.warehouseexport.export.ExportStore;
import com.warehouseexport.export.PublishedExport;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Publishes the finished CSV: for a download, moves the part file into place atomically, so a file
 * under its final name is always complete.
 */
@Named
@Dependent
public class PublishExportBatchlet extends AbstractBatchlet {

  @Inject private JobContext jobContext;
  @Inject private StepContext stepContext;

  @Override
  public String process() throws Exception {
    ExportParameters params = ExportParameters.of(jobContext);
    long instance = jobContext.getInstanceId();
    Path part = ExportStore.partFile(params.environmentId(), instance);
    Path done = ExportStore.finalFile(params.environmentId(), instance);
    if (Files.exists(part)) {
      Files.move(part, done, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } else if (!Files.exists(done)) {
      throw new IllegalStateException("The export file is missing; restart the export");
    }
    stepContext.setPersistentUserData(new PublishedExport(-1, Files.size(done), null, null, null));
    return BatchStatus.COMPLETED.name();
  }
}
