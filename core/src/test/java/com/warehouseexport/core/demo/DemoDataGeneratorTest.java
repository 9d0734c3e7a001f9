package com.warehouseexport.core.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DemoDataGeneratorTest {

  private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"([^\"]+)\"");

  private static List<String> items(long seed) {
    List<String> items = new ArrayList<>();
    new DemoDataGenerator(
            new DemoDataGenerator.Options(10, 3, 30, seed, LocalDate.parse("2026-03-31")))
        .generate(items::add);
    return items;
  }

  @Test
  void theSameSeedGivesTheSameItemsAndAnotherSeedOthers() {
    assertEquals(items(7), items(7));
    assertNotEquals(items(7), items(8));
  }

  @Test
  void itemsComeInTimestampOrderWithinTheRequestedDays() {
    Instant previous = Instant.MIN;
    for (String item : items(7)) {
      Matcher m = TIMESTAMP.matcher(item);
      assertTrue(m.find(), item);
      Instant at = Instant.parse(m.group(1));
      assertTrue(!at.isBefore(previous), "timestamp order: " + item);
      assertTrue(!at.isBefore(Instant.parse("2026-03-02T00:00:00Z")), item);
      assertTrue(at.isBefore(Instant.parse("2026-04-01T00:00:00Z")), item);
      previous = at;
    }
  }

  @Test
  void everyCompanyIsIntroducedByACompanyCallBeforeItsEvents() {
    List<String> items = items(7);
    for (int c = 0; c < 10; c++) {
      String id = DemoDataGenerator.companyId(c);
      int firstCall = -1;
      int firstEvent = -1;
      for (int i = 0; i < items.size(); i++) {
        String item = items.get(i);
        if (item.contains("\"companyId\":\"" + id + "\"")) {
          if (item.startsWith("{\"type\":\"company\"") && firstCall < 0) {
            firstCall = i;
          } else if (item.startsWith("{\"type\":\"event\"") && firstEvent < 0) {
            firstEvent = i;
          }
        }
      }
      assertTrue(firstCall >= 0, id + " has a company call");
      assertTrue(firstEvent < 0 || firstCall < firstEvent, id + " is created before it is used");
    }
  }

  @Test
  void featuresAndJsonQuoting() {
    assertEquals(
        3,
        new DemoDataGenerator(
                new DemoDataGenerator.Options(1, 3, 1, 1, LocalDate.parse("2026-01-01")))
            .features()
            .size());
    assertEquals("\"a\\\"b\\\\c\\n\"", DemoDataGenerator.quote("a\"b\\c\n"));
  }
}
