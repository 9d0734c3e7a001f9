package com.warehouseexport.api.v1;

import com.warehouseexport.core.input.JsonLimits;
import com.warehouseexport.errors.InvalidInputException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Every JSON request body goes through here: read up to a byte limit (413 beyond it), decoded as
 * strict UTF-8 (invalid bytes are a 400, never silently replaced), checked against {@link
 * JsonLimits#API} (depth and number length) <em>before</em> parsing, then parsed. Every failure is
 * an {@link InvalidInputException} (400) or a 413 {@link ApiException}.
 */
final class JsonInput {

  private JsonInput() {}

  static JsonStructure read(InputStream in, long contentLength, int limit) throws IOException {
    return parse(LimitedBody.read(in, contentLength, limit));
  }

  static JsonStructure parse(byte[] bytes) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(null, "The request body is not valid UTF-8");
    }
    if (text.isBlank()) {
      throw new InvalidInputException(null, "The request body is empty");
    }
    JsonLimits.Violation violation = JsonLimits.API.check(text);
    if (violation != null) {
      throw new InvalidInputException(violation.field(), violation.message());
    }
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.read();
    } catch (JsonException e) {
      throw new InvalidInputException(null, "The body is not valid JSON: " + e.getMessage());
    }
  }
}
