package com.warehouseexport.web.console;

import com.warehouseexport.core.csv.OutputFormat;
import com.warehouseexport.errors.NotFoundException;
import com.warehouseexport.errors.SignInRequiredException;
import com.warehouseexport.export.ExportStateException;
import com.warehouseexport.export.manual.ManualExportService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The console's CSV download: the signed-in person from the console session (web.xml protects
 * {@code /console/*}), the same visibility rule as the API ({@link ManualExportService#download}:
 * another tenant's export answers 404), and the file streamed from the export store, never held in
 * memory.
 */
@WebServlet(ConsoleDownloadServlet.PATH)
public class ConsoleDownloadServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** Relative to the context path; {@code ?execution=<id>}. */
  public static final String PATH = "/console/exports/download";

  @Inject private ConsolePages pages;
  @EJB private ManualExportService exports;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String id = request.getParameter("execution");
    if (request.getRemoteUser() == null || id == null || !id.matches("\\d{1,18}")) {
      response.sendError(404);
      return;
    }
    OutputFormat format;
    try {
      format = OutputFormat.fromId(request.getParameter("format"));
    } catch (IllegalArgumentException e) {
      response.sendError(400);
      return;
    }
    ManualExportService.Download download;
    try {
      download = exports.download(pages.caller(), Long.parseLong(id)).as(format);
    } catch (NotFoundException | SignInRequiredException e) {
      response.sendError(404);
      return;
    } catch (ExportStateException e) {
      response.sendError(409);
      return;
    }
    try (download) {
      response.setContentType(download.contentType());
      response.setHeader(
          "Content-Disposition", "attachment; filename=\"" + download.fileName() + "\"");
      response.setHeader("Cache-Control", "no-store");
      response.setHeader("X-Content-Type-Options", "nosniff");
      if (download.size() >= 0) {
        response.setContentLengthLong(download.size());
      }
      download.writeTo(response.getOutputStream());
    }
  }
}
