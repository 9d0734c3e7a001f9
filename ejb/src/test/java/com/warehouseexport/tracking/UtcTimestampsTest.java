package com.warehouseexport.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path gives OffsetDateTime.parse's instant, or null where that parser decides. */
class UtcTimestampsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-26T08:30:00Z",
        "2026-11-26T08:30:00.1Z",
        "2026-11-26T08:30:00.123Z",
        "2026-11-26T08:30:00.123456789Z",
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z",
        "2024-02-29T12:00:00Z",
        "2026-12-31T23:59:59Z"
      })
  void plainUtcTimestampsGiveTheGeneralParsersInstant(String text) {
    assertEquals(OffsetDateTime.parse(text).toInstant(), UtcTimestamps.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-26T08:30:00+01:00",
        "2026-11-26t08:30:00z",
        "2026-11-26T08:30Z",
        "2026-11-26T24:00:00Z",
        "2026-11-26T08:60:00Z",
        "2026-11-26T08:30:60Z",
        "2026-02-29T08:30:00Z",
        "2026-04-31T08:30:00Z",
        "2026-13-01T08:30:00Z",
        "2026-00-01T08:30:00Z",
        "2026-11-00T08:30:00Z",
        "2026-11-26T08:30:00.Z",
        "2026-11-26T08:30:00.1234567890Z",
        "2026-11-26 08:30:00Z",
        "+2026-11-26T08:30:00Z",
        "2026-1a-26T08:30:00Z",
        "2026-11-26T08:30:00,5Z",
        "２０２６-11-26T08:30:00Z"
      })
  void everythingElseIsLeftToTheGeneralParser(String text) {
    assertNull(UtcTimestamps.parse(text));
  }

  @Test
  void randomInstantsInTheirIsoFormGiveTheSameInstant() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(
              random.nextLong(-62_167_219_200L, 253_402_300_799L), random.nextInt(1_000_000_000));
      String text = instant.toString();
      assertEquals(OffsetDateTime.parse(text).toInstant(), UtcTimestamps.parse(text), text);
    }
  }
}
