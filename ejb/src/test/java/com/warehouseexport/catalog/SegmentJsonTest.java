package com.warehouseexport.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.segment.SegmentDefinition;
import com.warehouseexport.core.segment.SegmentOperator;
import com.warehouseexport.errors.InvalidInputException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentJsonTest {

  private static JsonArray array(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readArray();
    }
  }

  private static InvalidInputException invalid(String name, String conditions) {
    return assertThrows(
        InvalidInputException.class, () -> SegmentJson.validate("seg", name, array(conditions)));
  }

  @Test
  void validConditionsOfEveryOperandKindAreReturnedAsCompactJson() {
    String json =
        "[ {\"attribute\":\"region\", \"operator\":\"is\", \"value\":\"EU\"},"
            + " {\"attribute\":\"seats\",\"operator\":\"greater than\",\"value\":100},"
            + " {\"attribute\":\"plan\",\"operator\":\"any of\",\"values\":[\"pro\",\"enterprise\"]},"
            + " {\"attribute\":\"churned\",\"operator\":\"is false\"},"
            + " {\"attribute\":\"owner\",\"operator\":\"has any value\",\"value\":null} ]";
    String stored = SegmentJson.validate("big-eu", "Big EU", array(json));
    assertEquals(array(json).toString(), stored);
    assertFalse(stored.contains(" \"attribute\""), "compact");

    SegmentDefinition definition = SegmentJson.definition("big-eu", "Big EU", stored);
    assertEquals("big-eu", definition.id());
    assertEquals(5, definition.conditions().size());
    assertEquals(SegmentOperator.ANY_OF, definition.conditions().get(2).operator());
    assertEquals(List.of("pro", "enterprise"), definition.conditions().get(2).values());
    assertEquals(new BigDecimal("100"), definition.conditions().get(1).value());
    assertTrue(
        definition.matches(
            Map.of(
                "region", "EU",
                "seats", new BigDecimal("150"),
                "plan", "pro",
                "churned", false,
                "owner", "ann")));
    assertFalse(
        definition.matches(
            Map.of(
                "region", "EU",
                "seats", new BigDecimal("50"),
                "plan", "pro",
                "churned", false,
                "owner", "ann")));
  }

  @Test
  void noConditionsIsAValidSegmentMatchingEveryone() {
    assertEquals("[]", SegmentJson.validate("all", "Everyone", array("[]")));
    assertTrue(SegmentJson.definition("all", "Everyone", "[]").matches(Map.of()));
  }

  @Test
  void namesMustBeOneTo200CharactersWithoutCommas() {
    assertEquals("name", invalid(null, "[]").field());
    assertEquals("name", invalid(" ", "[]").field());
    assertEquals("name", invalid("x".repeat(201), "[]").field());
    SegmentJson.validate("seg", "x".repeat(200), array("[]"));
    InvalidInputException comma = invalid("Big, EU", "[]");
    assertEquals("name", comma.field());
    assertTrue(comma.getMessage().contains("comma"), comma.getMessage());
  }

  @Test
  void nullConditionsAreRejected() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> SegmentJson.validate("s", "S", null));
    assertEquals("conditions", e.field());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not an object      | [\"region\"]                                                | conditions[0]",
        "missing attribute  | [{\"operator\":\"is\",\"value\":\"EU\"}]                     | conditions[0].attribute",
        "blank attribute    | [{\"attribute\":\" \",\"operator\":\"is\",\"value\":\"EU\"}] | conditions[0].attribute",
        "numeric attribute  | [{\"attribute\":5,\"operator\":\"is\",\"value\":\"EU\"}]     | conditions[0].attribute",
        "unknown operator   | [{\"attribute\":\"a\",\"operator\":\"equals\",\"value\":1}] | conditions[0].operator",
        "missing operator   | [{\"attribute\":\"a\",\"value\":1}]                          | conditions[0].operator",
        "operator case      | [{\"attribute\":\"a\",\"operator\":\"IS\",\"value\":1}]     | conditions[0].operator",
        "missing value      | [{\"attribute\":\"a\",\"operator\":\"is\"}]                  | conditions[0].value",
        "value for none     | [{\"attribute\":\"a\",\"operator\":\"is true\",\"value\":1}] | conditions[0].value",
        "text greater than  | [{\"attribute\":\"a\",\"operator\":\"greater than\",\"value\":\"many\"}] | conditions[0].value",
        "values not array   | [{\"attribute\":\"a\",\"operator\":\"any of\",\"values\":\"x\"}] | conditions[0].values",
        "empty values       | [{\"attribute\":\"a\",\"operator\":\"none of\",\"values\":[]}] | conditions[0].values",
        "single for list    | [{\"attribute\":\"a\",\"operator\":\"any of\",\"value\":\"x\"}] | conditions[0].values",
        "second condition   | [{\"attribute\":\"a\",\"operator\":\"is true\"},{\"attribute\":\"b\",\"operator\":\"less than\"}] | conditions[1].value"
      })
  void invalidConditionsNameTheOffendingField(String why, String conditions, String field) {
    InvalidInputException e = invalid("Segment", conditions.strip());
    assertEquals(field.strip(), e.field(), why + ": " + e.getMessage());
    assertFalse(e.getMessage().isBlank());
  }

  @Test
  void unknownOperatorMessagesListTheValidOnes() {
    InvalidInputException e =
        invalid("S", "[{\"attribute\":\"a\",\"operator\":\"equals\",\"value\":1}]");
    assertTrue(e.getMessage().contains("'equals'"), e.getMessage());
    assertTrue(e.getMessage().contains("not contains"), e.getMessage());
    assertTrue(e.getMessage().contains("has no value"), e.getMessage());
  }

  @Test
  void atMost100ConditionsAndTheMessageSaysTheLimit() {
    String one = "{\"attribute\":\"a\",\"operator\":\"is true\"}";
    SegmentJson.validate(
        "s", "S", array("[" + String.join(",", java.util.Collections.nCopies(100, one)) + "]"));
    InvalidInputException tooMany =
        invalid("S", "[" + String.join(",", java.util.Collections.nCopies(5_000, one)) + "]");
    assertEquals("conditions", tooMany.field());
    assertTrue(tooMany.getMessage().contains("at most 100"), tooMany.getMessage());
  }

  @Test
  void namesAttributesAndValuesRejectControlCharacters() {
    assertEquals("name", invalid("Big\u0000", "[]").field());
    assertEquals(
        "conditions[0].attribute",
        invalid("S", "[{\"attribute\":\"a\\u0000\",\"operator\":\"is\",\"value\":\"x\"}]").field());
    assertEquals(
        "conditions[0].value",
        invalid("S", "[{\"attribute\":\"a\",\"operator\":\"is\",\"value\":\"x\\u0001\"}]").field());
    assertEquals(
        "conditions[0].values",
        invalid("S", "[{\"attribute\":\"a\",\"operator\":\"any of\",\"values\":[\"ok\",\"\\n\"]}]")
            .field());
  }

  @Test
  void valuesAreScalars() {
    assertEquals(
        "conditions[0].value",
        invalid("S", "[{\"attribute\":\"a\",\"operator\":\"is\",\"value\":{\"x\":1}}]").field());
  }
}
