package com.warehouseexport.api.v1;

import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.platform.ServerSettings;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads the {@link JsonObject} body of the operator and admin APIs through {@link JsonInput} (size,
 * UTF-8, depth and number limits before parsing), in place of the server's JSON-P reader: an empty
 * body, {@code "x"}, {@code null} or an array is a 400 {@code {error, field}}, never a 500.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", "text/json"})
public class JsonObjectBodyReader implements MessageBodyReader<JsonObject> {

  /** The largest body the operator and admin APIs read (a segment with 100 conditions fits). */
  static final int MAX_BYTES = ServerSettings.integer("warehouse.api.maxBodyBytes", 256 * 1024);

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == JsonObject.class;
  }

  @Override
  public JsonObject readFrom(
      Class<JsonObject> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> httpHeaders,
      InputStream entityStream)
      throws IOException {
    long length = -1;
    String header = httpHeaders == null ? null : httpHeaders.getFirst(HttpHeaders.CONTENT_LENGTH);
    if (header != null) {
      try {
        length = Long.parseLong(header.strip());
      } catch (NumberFormatException e) {
        length = -1;
      }
    }
    JsonStructure json = JsonInput.read(entityStream, length, MAX_BYTES);
    if (!(json instanceof JsonObject object)) {
      throw new InvalidInputException(null, "The body must be a JSON object");
    }
    return object;
  }
}
