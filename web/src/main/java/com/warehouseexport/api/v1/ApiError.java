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
}
