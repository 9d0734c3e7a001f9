package com.warehouseexport.api.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.errors.InvalidInputException;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonInputTest {

  private static InvalidInputException invalid(byte[] body) {
    return assertThrows(InvalidInputException.class, () -> JsonInput.parse(body));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aWellFormedObjectIsParsed() {
    JsonObject json = (JsonObject) JsonInput.parse(utf8("{\"name\":\"Ünïcødé ✓\",\"n\":12}"));
    assertEquals("Ünïcødé ✓", json.getString("name"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "{", "{\"a\":}", "{'a':1}", "[1,]"})
  void emptyOrMalformedBodiesAre400(String body) {
    invalid(utf8(body));
  }

  @Test
  void invalidUtf8IsRefusedNotReplaced() {
    InvalidInputException e =
        invalid(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
    assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    invalid(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'});
  }

  @Test
  void deepNestingAndHugeNumbersAreRefusedBeforeParsing() {
    assertTrue(
        invalid(utf8("[".repeat(5_000) + "]".repeat(5_000))).getMessage().contains("levels"));
    InvalidInputException digits = invalid(utf8("{\"seats\":" + "9".repeat(60_000) + "}"));
    assertEquals("seats", digits.field());
  }

  @Test
  void bodiesOverTheLimitAre413() throws Exception {
    ApiException declared =
        assertThrows(
            ApiException.class,
            () -> JsonInput.read(new ByteArrayInputStream(new byte[0]), 2_000, 1_000));
    assertEquals(413, declared.status());
    ApiException counted =
        assertThrows(
            ApiException.class,
            () -> JsonInput.read(new ByteArrayInputStream(new byte[1_001]), -1, 1_000));
    assertEquals(413, counted.status());
  }
}
