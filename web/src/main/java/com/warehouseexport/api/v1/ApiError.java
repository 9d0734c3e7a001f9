package com.warehouseexport.api.v1;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON error body of every 4xx/5xx answer: {@code {"error": "...", "field": "..."}}. */
public final class ApiError {

  private ApiError() {}

  public static Response of(int status, String message, String field) {
    JsonObjectBuilder body = Json.createObjectBuilder().add("error", message);
    if (field == null) {
      body.addNull("field");
    } else {
      body.add("field", field);
    }
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body.build()).build();
  }

  /**
   * As {@link #of}, with every invalid field listed in {@code "errors"} ({@code [{"field",
   * "message"}]}); {@code error} and {@code field} stay the first problem's, as before.
   */
  public static Response of(
      int status,
      String message,
      String field,
      java.util.List<com.warehouseexport.export.settings.FieldError> errors) {
    JsonObjectBuilder body = Json.createObjectBuilder().add("error", message);
    if (field == null) {
      body.addNull("field");
    } else {
      body.add("field", field);
    }
    jakarta.json.JsonArrayBuilder list = Json.createArrayBuilder();
    for (com.warehouseexport.export.settings.FieldError e : errors) {
      JsonObjectBuilder item = Json.createObjectBuilder();
      if (e.field() == null) {
        item.addNull("field");
      } else {
        item.add("field", e.field());
      }
      list.add(item.add("message", e.message()));
    }
    body.add("errors", list);
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body.build()).build();
  }
}
