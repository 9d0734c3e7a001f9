package com.warehouseexport.api.v1;

import com.warehouseexport.errors.ForbiddenException;
import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.errors.NotFoundException;
import com.warehouseexport.errors.RejectedValueException;
import com.warehouseexport.errors.SignInRequiredException;
import com.warehouseexport.errors.TooManyRequestsException;
import com.warehouseexport.platform.DatabaseFailures;
import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Maps failures to JSON errors; unexpected ones are logged with an id and never show a trace. */
@Provider
public class ErrorMappers implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

  @Override
  public Response toResponse(Throwable failure) {
    Throwable t = known(failure);
    if (t instanceof InvalidInputException e) {
      return ApiError.of(400, e.getMessage(), e.field());
    }
    if (t instanceof JsonParsingException e) {
      return ApiError.of(400, "The body is not valid JSON: " + e.getMessage(), null);
    }
    if (t instanceof JsonException e) {
      return ApiError.of(400, "The body is not valid JSON: " + e.getMessage(), null);
    }
    if (t instanceof NotFoundException e) {
      return ApiError.of(404, e.getMessage(), null);
    }
    if (t instanceof ForbiddenException e) {
      return ApiError.of(403, e.getMessage(), e.field());
    }
    if (t instanceof RejectedValueException e) {
      return ApiError.of(422, e.getMessage(), e.field());
    }
    if (t instanceof TooManyRequestsException e) {
      return Response.fromResponse(ApiError.of(429, e.getMessage(), e.field()))
          .header("Retry-After", Long.toString(e.retryAfterSeconds()))
          .build();
    }
    if (t instanceof SignInRequiredException e) {
      return ApiError.of(401, e.getMessage(), null);
    }
    if (t instanceof com.warehouseexport.export.ExportStateException e) {
      return ApiError.of(409, e.getMessage(), null);
    }
    if (t instanceof com.warehouseexport.export.settings.SettingsRejectedException e) {
      return ApiError.of(422, e.getMessage(), e.field(), e.errors());
    }
    if (t instanceof ApiException e) {
      return ApiError.of(e.status(), e.getMessage(), e.field());
    }
    if (t instanceof WebApplicationException e) {
      Response r = e.getResponse();
      return ApiError.of(r.getStatus(), r.getStatusInfo().getReasonPhrase(), null);
    }
    if (DatabaseFailures.isUnavailable(failure)) {
      // Expected during a database restart or outage (PRODUCT.md §13): a clear 503 the client may
      // retry, and one log line instead of a stack trace.
      LOG.warning(
          "Answered 503: the database could not be reached ("
              + DatabaseFailures.describe(failure)
              + ")");
      return Response.fromResponse(ApiError.of(503, DatabaseFailures.FOR_CLIENTS, null))
          .header("Retry-After", "30")
          .build();
    }
    String id = UUID.randomUUID().toString().substring(0, 8);
    LOG.log(Level.SEVERE, "Unexpected error " + id, failure);
    return ApiError.of(500, "Something went wrong on our side (error id " + id + ")", null);
  }

  /**
   * The failure that says what went wrong: a domain or API failure anywhere in the cause chain
   * (e.g. a 400 or 413 thrown while the server's JAX-RS runtime read the body and wrapped it) wins
   * over the wrapper.
   */
  private static Throwable known(Throwable failure) {
    Throwable t = failure;
    for (int i = 0; t != null && i < 20; i++, t = t.getCause()) {
      if (t instanceof InvalidInputException
          || t instanceof RejectedValueException
          || t instanceof NotFoundException
          || t instanceof ForbiddenException
          || t instanceof SignInRequiredException
          || t instanceof ApiException
          || t instanceof JsonException) {
        return t;
      }
    }
    return unwrap(failure);
  }

  private static Throwable unwrap(Throwable t) {
    while (t instanceof EJBException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
