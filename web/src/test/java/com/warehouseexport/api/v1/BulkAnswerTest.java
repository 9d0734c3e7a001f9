package com.warehouseexport.api.v1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link BulkAnswer} writes the same bytes as the tree of {@code JsonObject}s the bulk call built
 * before (one object per item, written by a {@code JsonWriter} as the JSON-P entity provider does).
 */
class BulkAnswerTest {

  private static final JsonProvider JSON = JsonProvider.provider();

  /** An item's outcome: 0 accepted, 1 duplicate, 2 rejected (with a field), 3 rejected without. */
  private static byte[] tree(int[] outcome, String[] errors, String[] fields) {
    int accepted = 0;
    int duplicates = 0;
    int rejected = 0;
    JsonArrayBuilder results = JSON.createArrayBuilder();
    for (int i = 0; i < outcome.length; i++) {
      JsonObjectBuilder result = JSON.createObjectBuilder().add("index", i);
      switch (outcome[i]) {
        case 0 -> {
          accepted++;
          result.add("status", "accepted");
        }
        case 1 -> {
          accepted++;
          duplicates++;
          result.add("status", "duplicate");
        }
        default -> {
          rejected++;
          result.add("status", "rejected").add("error", errors[i]);
          if (fields[i] == null) {
            result.addNull("field");
          } else {
            result.add("field", fields[i]);
          }
        }
      }
      results.add(result.build());
    }
    JsonObject answer =
        JSON.createObjectBuilder()
            .add("accepted", accepted)
            .add("duplicates", duplicates)
            .add("rejected", rejected)
            .add("results", results)
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonWriter writer = JSON.createWriter(out)) {
      writer.writeObject(answer);
    }
    return out.toByteArray();
  }

  private static byte[] streamed(int[] outcome, String[] errors, String[] fields) {
    BulkAnswer answer = new BulkAnswer(outcome.length);
    for (int i = 0; i < outcome.length; i++) {
      if (outcome[i] <= 1) {
        answer.stored(i, outcome[i] == 1);
      } else {
        answer.rejected(i, errors[i], fields[i]);
      }
    }
    return answer.toJson(JSON);
  }

  @Test
  void theSameBytesAsTheTreeForEveryKindOfResult() {
    int[] outcome = {0, 1, 2, 3, 0, 2};
    String[] errors = {null, null, "\"companyId\" is required", "tab\there ✓ \u0001", null, "x"};
    String[] fields = {null, null, "companyId", null, null, "ünï\\\"code\""};
    byte[] expected = tree(outcome, errors, fields);
    String prefix =
        "{\"accepted\":3,\"duplicates\":1,\"rejected\":3,\"results\":[{\"index\":0,\"status\":"
            + "\"accepted\"},{\"index\":1,\"status\":\"duplicate\"},{\"index\":2,\"status\":"
            + "\"rejected\",\"error\":\"\\\"companyId\\\" is required\",\"field\":\"companyId\"},";
    assertTrue(new String(expected, StandardCharsets.UTF_8).startsWith(prefix));
    assertArrayEquals(expected, streamed(outcome, errors, fields));
  }

  @Test
  void theSameBytesForNoItemsAndForManyRandomOnes() {
    assertArrayEquals(tree(new int[0], null, null), streamed(new int[0], null, null));
    Random random = new Random(24);
    for (int round = 0; round < 50; round++) {
      int n = random.nextInt(3000);
      int[] outcome = new int[n];
      String[] errors = new String[n];
      String[] fields = new String[n];
      for (int i = 0; i < n; i++) {
        outcome[i] = random.nextInt(10) < 8 ? random.nextInt(2) : 2 + random.nextInt(2);
        errors[i] = "error " + (char) random.nextInt(0x3000);
        fields[i] = outcome[i] == 2 ? "field" + (char) random.nextInt(0x3000) : null;
      }
      assertArrayEquals(tree(outcome, errors, fields), streamed(outcome, errors, fields));
    }
  }
}
