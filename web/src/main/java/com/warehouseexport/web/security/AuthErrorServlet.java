package com.warehouseexport.web.security;

import jakarta.json.Json;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The error page of 401 and 429 answers ({@code web.xml}). When authentication fails, the container
 * itself sends the status as an error, which would replace the mechanism's body with an HTML page;
 * this page writes the JSON {@code {"error", "field"}} instead, with the message the {@link
 * AuthenticationMechanism} left in {@link #MESSAGE}. Its headers ({@code WWW-Authenticate}, {@code
 * Retry-After}) survive the error dispatch.
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
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response
        .getWriter()
        .write(Json.createObjectBuilder().add("error", text).addNull("field").build().toString());
  }
}
