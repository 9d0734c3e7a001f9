package com.warehouseexport.web.console;

import com.warehouseexport.export.ExportExecution;
import com.warehouseexport.export.ExportHistoryService;
import com.warehouseexport.export.ExportStateException;
import com.warehouseexport.export.ManualExportService;
import com.warehouseexport.tenancy.Environment;
import com.warehouseexport.tenancy.NotFoundException;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The console's CSV download: the signed-in person from the console session (web.xml protects
 * {@code /console/*}), the same tenancy checks as the API (another tenant's export answers 404),
 * and the file streamed from disk, never held in memory.
 */
@WebServlet(ConsoleDownloadServlet.PATH)
public class ConsoleDownloadServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** Relative to the context path; {@code ?execution=<id>}. */
  public static final String PATH = "/console/exports/download";

  @Inject private ConsolePages pages;
  @EJB private ExportHistoryService history;
  @EJB private ManualExportService exports;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String id = request.getParameter("execution");
    if (request.getRemoteUser() == null || id == null || !id.matches("\\d{1,18}")) {
      response.sendError(404);
      return;
    }
    ExportExecution execution;
    try {
      execution = history.execution(Long.parseLong(id));
    } catch (NotFoundException e) {
      response.sendError(404);
      return;
    }
    Optional<Environment> environment = pages.environment(execution.environmentId());
    if (environment.isEmpty()) {
      response.sendError(404);
      return;
    }
    Path file;
    try {
      file = exports.file(execution);
    } catch (ExportStateException e) {
      response.sendError(409);
      return;
    }
    response.setContentType("text/csv; charset=UTF-8");
    response.setHeader(
        "Content-Disposition",
        "attachment; filename=\""
            + com.warehouseexport.api.v1.ExportResource.fileName(environment.get(), execution)
            + "\"");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setContentLengthLong(Files.size(file));
    Files.copy(file, response.getOutputStream());
  }
}
