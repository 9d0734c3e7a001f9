package com.warehouseexport.api.v1;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayOutputStream;

/**
 * The answer of a bulk tracking call, {@code
 * {"accepted":…,"duplicates":…,"rejected":…,"results":[…]}} with one result per item in item order,
 * written straight to UTF-8 bytes by one streaming generator: the same bytes as building a {@code
 * JsonObject} per item and writing the tree (which cost one builder, one map and one object per
 * item on every call of up to 10,000 items).
 */
final class BulkAnswer {

  private static final String ACCEPTED = "accepted";
  private static final String DUPLICATE = "duplicate";

  private final int size;
  private final String[] status;
  private final String[] error;
  private final String[] field;
  private int accepted;
  private int duplicates;
  private int rejected;

  /** An answer for {@code size} items, each to be given exactly one result. */
  BulkAnswer(int size) {
    this.size = size;
    this.status = new String[size];
    this.error = new String[size];
    this.field = new String[size];
  }

  /** Item {@code index} was stored, or was a duplicate of a stored one. */
  void stored(int index, boolean duplicate) {
    accepted++;
    if (duplicate) {
      duplicates++;
    }
    status[index] = duplicate ? DUPLICATE : ACCEPTED;
  }

  /** Item {@code index} was rejected: the message, and the field it concerns (or null). */
  void rejected(int index, String message, String fieldName) {
    rejected++;
    status[index] = "rejected";
    error[index] = message;
    field[index] = fieldName;
  }

  int accepted() {
    return accepted;
  }

  int rejected() {
    return rejected;
  }

  /** The answer as UTF-8 JSON. */
  byte[] toJson(JsonProvider json) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 36 * size);
    try (JsonGenerator g = json.createGenerator(out)) {
      g.writeStartObject()
          .write("accepted", accepted)
          .write("duplicates", duplicates)
          .write("rejected", rejected)
          .writeStartArray("results");
      for (int i = 0; i < size; i++) {
        g.writeStartObject().write("index", i).write("status", status[i]);
        if (error[i] != null) {
          g.write("error", error[i]);
          if (field[i] == null) {
            g.writeNull("field");
          } else {
            g.write("field", field[i]);
          }
        }
        g.writeEnd();
      }
      g.writeEnd().writeEnd();
    }
    return out.toByteArray();
  }
}
