package com.warehouseexport.web.security;

import com.warehouseexport.platform.DatabaseFailures;
import jakarta.json.Json;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The error page of 401, 429 and 503 answers ({@code web.xml}; a 503 to a console page is a plain
 * HTML page). When authentication fails, the container itself sends the status as an error, which
 * would replace the mechanism's body with an HTML page; this page writes the JSON {@code {"error",
 * "field"}} instead, with the message the {@link AuthenticationMechanism} left in {@link #MESSAGE}.
 * Its headers ({@code WWW-Authenticate}, {@code Retry-After}) survive the error dispatch.
 */
@WebServlet("/auth-error")
public class AuthErrorServlet extends HttpServlet {

  /** Request attribute: the message of the refusal. */
  public static final String MESSAGE = "com.warehouseexport.auth.errorMessage";

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    Object message = request.getAttribute(MESSAGE);
    String text =
        message instanceof String m
            ? m
            : (Integer.valueOf(429).equals(status)
                ? "Too many requests: try again later"
                : "Sign in first");
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    boolean api = uri instanceof String u && u.contains("/api/");
    response.setCharacterEncoding("UTF-8");
    if (Integer.valueOf(503).equals(status) && !api) {
      // A person at the console: a page that needs nothing but this text.
      response.setContentType("text/html");
      response
          .getWriter()
          .write(
              "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                  + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                  + "<title>Temporarily unavailable - Warehouse Export</title></head><body>"
                  + "<main><h1>Temporarily unavailable</h1><p>"
                  + DatabaseFailures.FOR_CLIENTS
                  + "</p><p><a href=\"\">Try again</a></p></main></body></html>");
      return;
    }
    response.setContentType("application/json");
    response
        .getWriter()
        .write(Json.createObjectBuilder().add("error", text).addNull("field").build().toString());
  }
}
