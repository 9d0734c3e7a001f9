package com.warehouseexport.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.errors.InvalidInputException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrackingItemParserTest {

  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  private static JsonObject json(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  private static TrackingItem parse(String type, String body) {
    return TrackingItemParser.parse(type, json(body), NOW);
  }

  private static InvalidInputException rejected(String type, String body) {
    return assertThrows(InvalidInputException.class, () -> parse(type, body));
  }

  private static String repeat(char c, int n) {
    return String.valueOf(c).repeat(n);
  }

  // --- types ---

  @ParameterizedTest
  @ValueSource(strings = {"", "Company", "page", "companies"})
  void unknownTypesAreRejectedNamingTheTypeField(String type) {
    InvalidInputException e = rejected(type, "{\"companyId\":\"c\"}");
    assertEquals("type", e.field());
    assertTrue(e.getMessage().contains("company, user, event, feedback"), e.getMessage());
  }

  @Test
  void nullTypeIsRejected() {
    assertEquals(
        "type",
        assertThrows(
                InvalidInputException.class, () -> TrackingItemParser.parse(null, json("{}"), NOW))
            .field());
  }

  // --- company ---

  @Test
  void companyCallKeepsAttributesAsJsonTextInOrderAndTheOptionalUser() {
    TrackingItem.CompanyCall c =
        (TrackingItem.CompanyCall)
            parse(
                "company",
                "{\"companyId\":\"c-1\",\"userId\":\"u-1\",\"attributes\":"
                    + "{\"name\":\"Acme, \\\"Inc\\\"\",\"seats\":12,\"paying\":true,\"tags\":[1,2],"
                    + "\"gone\":null}}");
    assertEquals("c-1", c.companyId());
    assertEquals("u-1", c.userId());
    assertEquals(NOW, c.timestamp());
    assertEquals(
        Map.of(
            "name", "\"Acme, \\\"Inc\\\"\"",
            "seats", "12",
            "paying", "true",
            "tags", "[1,2]",
            "gone", "null"),
        c.attributes());
    assertEquals(
        java.util.List.of("name", "seats", "paying", "tags", "gone"),
        java.util.List.copyOf(c.attributes().keySet()));
  }

  @Test
  void companyWithoutAttributesOrUser() {
    TrackingItem.CompanyCall c =
        (TrackingItem.CompanyCall) parse("company", "{\"companyId\":\"c\",\"attributes\":null}");
    assertTrue(c.attributes().isEmpty());
    assertNull(c.userId());
  }

  @Test
  void companyIdIsRequiredAndNotBlank() {
    assertEquals("companyId", rejected("company", "{}").field());
    assertEquals("companyId", rejected("company", "{\"companyId\":null}").field());
    InvalidInputException blank = rejected("company", "{\"companyId\":\"  \"}");
    assertEquals("companyId", blank.field());
    assertTrue(blank.getMessage().contains("blank"), blank.getMessage());
  }

  @Test
  void idsMustBeStringsOrNumbers() {
    assertEquals("companyId", rejected("company", "{\"companyId\":true}").field());
    assertEquals("companyId", rejected("company", "{\"companyId\":{\"a\":1}}").field());
    assertEquals("companyId", rejected("company", "{\"companyId\":[\"c\"]}").field());
    assertEquals("userId", rejected("company", "{\"companyId\":\"c\",\"userId\":false}").field());
  }

  @Test
  void numbersAreAcceptedAsIdsAndKeptAsTheirDecimalText() {
    TrackingItem.CompanyCall c =
        (TrackingItem.CompanyCall) parse("company", "{\"companyId\":42,\"userId\":7}");
    assertEquals("42", c.companyId());
    assertEquals("7", c.userId());
    TrackingItem.EventCall e =
        (TrackingItem.EventCall)
            parse("event", "{\"event\":123,\"userId\":12345678901234567890,\"companyId\":1.5}");
    assertEquals("123", e.event());
    assertEquals("12345678901234567890", e.userId());
    assertEquals("1.5", e.companyId());
  }

  @Test
  void idLengthLimitIsInclusive() {
    String max = repeat('c', TrackingItemParser.MAX_ID_LENGTH);
    assertEquals(
        max,
        ((TrackingItem.CompanyCall) parse("company", "{\"companyId\":\"" + max + "\"}"))
            .companyId());
    InvalidInputException tooLong = rejected("company", "{\"companyId\":\"" + max + "c\"}");
    assertEquals("companyId", tooLong.field());
    assertTrue(tooLong.getMessage().contains("500"), tooLong.getMessage());
  }

  // --- messageId ---

  @Test
  void messageIdIsOptionalAndKeptAsGiven() {
    assertNull(TrackingItemParser.messageId(json("{\"userId\":\"u\"}")));
    assertNull(TrackingItemParser.messageId(json("{\"messageId\":null}")));
    assertEquals("m-1", TrackingItemParser.messageId(json("{\"messageId\":\"m-1\"}")));
    assertEquals("42", TrackingItemParser.messageId(json("{\"messageId\":42}")));
  }

  @Test
  void messageIdIsAtMost200Characters() {
    String max = repeat('m', TrackingItemParser.MAX_MESSAGE_ID_LENGTH);
    assertEquals(max, TrackingItemParser.messageId(json("{\"messageId\":\"" + max + "\"}")));
    InvalidInputException tooLong =
        assertThrows(
            InvalidInputException.class,
            () -> TrackingItemParser.messageId(json("{\"messageId\":\"" + max + "m\"}")));
    assertEquals("messageId", tooLong.field());
    assertTrue(tooLong.getMessage().contains("200"), tooLong.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"\"", "\"  \"", "\"a\\u0000b\"", "\"a\\nb\"", "true", "{}", "[\"x\"]"})
  void messageIdIsValidatedLikeAnId(String value) {
    InvalidInputException bad =
        assertThrows(
            InvalidInputException.class,
            () -> TrackingItemParser.messageId(json("{\"messageId\":" + value + "}")));
    assertEquals("messageId", bad.field());
  }

  @Test
  void attributesMustBeAnObject() {
    assertEquals(
        "attributes", rejected("company", "{\"companyId\":\"c\",\"attributes\":[]}").field());
    assertEquals("attributes", rejected("user", "{\"userId\":\"u\",\"attributes\":\"x\"}").field());
    assertEquals(
        "attributes",
        rejected("event", "{\"event\":\"e\",\"userId\":\"u\",\"attributes\":5}").field());
  }

  @Test
  void attributeNamesMustBeOneTo200Characters() {
    InvalidInputException blank =
        rejected("company", "{\"companyId\":\"c\",\"attributes\":{\" \":1}}");
    assertEquals("attributes. ", blank.field());
    String max = repeat('k', TrackingItemParser.MAX_KEY_LENGTH);
    assertEquals(
        1,
        ((TrackingItem.CompanyCall)
                parse("company", "{\"companyId\":\"c\",\"attributes\":{\"" + max + "\":1}}"))
            .attributes()
            .size());
    InvalidInputException tooLong =
        rejected("company", "{\"companyId\":\"c\",\"attributes\":{\"" + max + "k\":1}}");
    assertEquals("attributes." + max + "k", tooLong.field());
  }

  @Test
  void eachAttributeValueIsLimitedTo10000CharactersOfJson() {
    // a JSON string of n characters is n + 2 characters of JSON text (the quotes)
    String fits = repeat('v', TrackingItemParser.MAX_ATTRIBUTE_JSON - 2);
    TrackingItem.CompanyCall c =
        (TrackingItem.CompanyCall)
            parse("company", "{\"companyId\":\"c\",\"attributes\":{\"note\":\"" + fits + "\"}}");
    assertEquals(TrackingItemParser.MAX_ATTRIBUTE_JSON, c.attributes().get("note").length());
    InvalidInputException tooLong =
        rejected("company", "{\"companyId\":\"c\",\"attributes\":{\"note\":\"" + fits + "v\"}}");
    assertEquals("attributes.note", tooLong.field());
    assertTrue(tooLong.getMessage().contains("10000"), tooLong.getMessage());
  }

  // --- user ---

  @Test
  void userCall() {
    TrackingItem.UserCall u =
        (TrackingItem.UserCall)
            parse("user", "{\"userId\":\"u\",\"attributes\":{\"email\":\"a@b.c\"}}");
    assertEquals("u", u.userId());
    assertEquals(Map.of("email", "\"a@b.c\""), u.attributes());
    assertEquals("userId", rejected("user", "{\"attributes\":{}}").field());
  }

  // --- event ---

  @Test
  void eventCallKeepsAttributesAsOneJsonObject() {
    TrackingItem.EventCall e =
        (TrackingItem.EventCall)
            parse(
                "event",
                "{\"event\":\"reports\",\"userId\":\"u\",\"companyId\":\"c\","
                    + "\"attributes\":{\"a\":1,\"b\":\"x\"}}");
    assertEquals("reports", e.event());
    assertEquals("u", e.userId());
    assertEquals("c", e.companyId());
    assertEquals("{\"a\":1,\"b\":\"x\"}", e.attributesJson());
    TrackingItem.EventCall bare =
        (TrackingItem.EventCall) parse("event", "{\"event\":\"reports\",\"userId\":\"u\"}");
    assertNull(bare.companyId());
    assertNull(bare.attributesJson());
  }

  @Test
  void eventNeedsEventAndUser() {
    assertEquals("event", rejected("event", "{\"userId\":\"u\"}").field());
    assertEquals("userId", rejected("event", "{\"event\":\"e\"}").field());
    assertEquals("event", rejected("event", "{\"event\":\"\",\"userId\":\"u\"}").field());
  }

  @Test
  void featureKeysAreLimitedTo200Characters() {
    String max = repeat('f', TrackingItemParser.MAX_KEY_LENGTH);
    assertEquals(
        max,
        ((TrackingItem.EventCall) parse("event", "{\"event\":\"" + max + "\",\"userId\":\"u\"}"))
            .event());
    assertEquals(
        "event", rejected("event", "{\"event\":\"" + max + "f\",\"userId\":\"u\"}").field());
    assertEquals(
        "featureKey",
        rejected("feedback", "{\"featureKey\":\"" + max + "f\",\"userId\":\"u\"}").field());
  }

  @Test
  void eventAttributesAreLimitedAsAWhole() {
    String fits = repeat('v', TrackingItemParser.MAX_ATTRIBUTE_JSON - "{\"n\":\"\"}".length());
    TrackingItem.EventCall e =
        (TrackingItem.EventCall)
            parse(
                "event",
                "{\"event\":\"e\",\"userId\":\"u\",\"attributes\":{\"n\":\"" + fits + "\"}}");
    assertEquals(TrackingItemParser.MAX_ATTRIBUTE_JSON, e.attributesJson().length());
    assertEquals(
        "attributes",
        rejected(
                "event",
                "{\"event\":\"e\",\"userId\":\"u\",\"attributes\":{\"n\":\"" + fits + "v\"}}")
            .field());
  }

  // --- feedback ---

  @Test
  void feedbackWithScoreAndComment() {
    TrackingItem.FeedbackCall f =
        (TrackingItem.FeedbackCall)
            parse(
                "feedback",
                "{\"featureKey\":\"reports\",\"userId\":\"u\",\"companyId\":\"c\",\"score\":4,"
                    + "\"comment\":\"ok\"}");
    assertEquals("reports", f.featureKey());
    assertEquals("u", f.userId());
    assertEquals("c", f.companyId());
    assertEquals(4, f.score());
    assertEquals("ok", f.comment());
  }

  @Test
  void scoreAndCommentAreOptional() {
    TrackingItem.FeedbackCall f =
        (TrackingItem.FeedbackCall)
            parse(
                "feedback",
                "{\"featureKey\":\"r\",\"userId\":\"u\",\"score\":null,\"comment\":null}");
    assertNull(f.score());
    assertNull(f.comment());
    assertNull(f.companyId());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "5", "2e0"})
  void scoresFromOneToFiveAreAccepted(String score) {
    TrackingItem.FeedbackCall f =
        (TrackingItem.FeedbackCall)
            parse("feedback", "{\"featureKey\":\"r\",\"userId\":\"u\",\"score\":" + score + "}");
    assertEquals(new java.math.BigDecimal(score).intValueExact(), f.score());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"0", "6", "-1", "4.5", "\"4\"", "true", "99999999999999999999", "[3]", "{}"})
  void scoresOutsideOneToFiveOrNotWholeNumbersAreRejected(String score) {
    InvalidInputException e =
        rejected("feedback", "{\"featureKey\":\"r\",\"userId\":\"u\",\"score\":" + score + "}");
    assertEquals("score", e.field());
    assertTrue(e.getMessage().contains("1 to 5"), e.getMessage());
  }

  @Test
  void commentMustBeAStringOfAtMost5000Characters() {
    String max = repeat('c', TrackingItemParser.MAX_COMMENT_LENGTH);
    assertEquals(
        max,
        ((TrackingItem.FeedbackCall)
                parse(
                    "feedback",
                    "{\"featureKey\":\"r\",\"userId\":\"u\",\"comment\":\"" + max + "\"}"))
            .comment());
    assertEquals(
        "comment",
        rejected("feedback", "{\"featureKey\":\"r\",\"userId\":\"u\",\"comment\":\"" + max + "c\"}")
            .field());
    assertEquals(
        "comment",
        rejected("feedback", "{\"featureKey\":\"r\",\"userId\":\"u\",\"comment\":5}").field());
  }

  @Test
  void feedbackNeedsFeatureKeyAndUser() {
    assertEquals("featureKey", rejected("feedback", "{\"userId\":\"u\"}").field());
    assertEquals("userId", rejected("feedback", "{\"featureKey\":\"r\"}").field());
  }

  // --- timestamps ---

  @ParameterizedTest
  @CsvSource({
    "2026-11-26T08:30:00Z,          2026-11-26T08:30:00Z",
    "2026-11-26T08:30Z,             2026-11-26T08:30:00Z",
    "2026-11-26T08:30:00.123Z,      2026-11-26T08:30:00.123Z",
    "2026-11-26T08:30:00.123456789Z, 2026-11-26T08:30:00.123456789Z",
    "2026-11-26T10:30:00+02:00,     2026-11-26T08:30:00Z",
    "2026-11-26T01:00:00-05:30,     2026-11-26T06:30:00Z",
    "2026-11-26T00:30:00+01:00,     2026-11-25T23:30:00Z",
    "2026-11-26T08:30:00+00:00,     2026-11-26T08:30:00Z",
    "1999-12-31T23:59:59.999Z,      1999-12-31T23:59:59.999Z",
    "1970-01-01T00:00:00Z,          1970-01-01T00:00:00Z",
    "2026-11-27T12:00:00Z,          2026-11-27T12:00:00Z"
  })
  void isoTimestampsWithAnOffsetAreConvertedToInstants(String text, String expected) {
    TrackingItem item = parse("user", "{\"userId\":\"u\",\"timestamp\":\"" + text.strip() + "\"}");
    assertEquals(Instant.parse(expected.strip()), item.timestamp());
  }

  @Test
  void aMissingOrNullTimestampMeansNow() {
    assertEquals(NOW, parse("user", "{\"userId\":\"u\"}").timestamp());
    assertEquals(NOW, parse("user", "{\"userId\":\"u\",\"timestamp\":null}").timestamp());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-26T08:30:00",
        "2026-11-26",
        "26/11/2026 08:30",
        "2026-11-26 08:30:00Z",
        "2026-13-01T00:00:00Z",
        "yesterday",
        ""
      })
  void timestampsWithoutOffsetOrNotIsoAreRejected(String text) {
    InvalidInputException e = rejected("user", "{\"userId\":\"u\",\"timestamp\":\"" + text + "\"}");
    assertEquals("timestamp", e.field());
    assertTrue(e.getMessage().contains("ISO-8601"), e.getMessage());
  }

  @Test
  void nonStringTimestampsAreRejected() {
    assertEquals(
        "timestamp", rejected("user", "{\"userId\":\"u\",\"timestamp\":1764145800000}").field());
    assertEquals("timestamp", rejected("user", "{\"userId\":\"u\",\"timestamp\":{}}").field());
  }

  @Test
  void longBadTimestampsAreAbbreviatedInTheMessage() {
    String junk = repeat('x', 300);
    InvalidInputException e = rejected("user", "{\"userId\":\"u\",\"timestamp\":\"" + junk + "\"}");
    assertTrue(e.getMessage().contains(repeat('x', 40) + "…"), e.getMessage());
    assertTrue(e.getMessage().length() < 200, e.getMessage());
  }

  @Test
  void theTimestampIsValidatedBeforeTheOtherFields() {
    // so a bulk item with a bad timestamp and a missing id reports the timestamp first
    assertEquals("timestamp", rejected("company", "{\"timestamp\":\"no\"}").field());
  }

  // --- bounds (PRODUCT.md §9) ---

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-999999999-01-01T00:00:00Z",
        "+999999999-12-31T23:59:59Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "1969-12-31T23:59:59.999Z",
        "2026-11-27T12:00:00.001Z"
      })
  void timestampsOutsideTheBoundsAreRejectedNamingTheField(String text) {
    InvalidInputException e = rejected("user", "{\"userId\":\"u\",\"timestamp\":\"" + text + "\"}");
    assertEquals("timestamp", e.field());
    assertTrue(e.getMessage().contains("1970-01-01"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\\u0000", "\\u0001", "\\t", "\\n", "\\r", "\\u001f", "\\ud800"})
  void idsKeysAndAttributesRejectControlCharacters(String escaped) {
    assertEquals("companyId", rejected("company", "{\"companyId\":\"a" + escaped + "b\"}").field());
    assertEquals(
        "userId", rejected("event", "{\"event\":\"e\",\"userId\":\"u" + escaped + "\"}").field());
    assertEquals(
        "event", rejected("event", "{\"event\":\"e" + escaped + "\",\"userId\":\"u\"}").field());
    assertEquals(
        "attributes.name",
        rejected("company", "{\"companyId\":\"c\",\"attributes\":{\"name\":\"A" + escaped + "\"}}")
            .field());
    assertEquals(
        "attributes.tags",
        rejected(
                "company",
                "{\"companyId\":\"c\",\"attributes\":{\"tags\":[\"ok\",{\"x\":\""
                    + escaped
                    + "\"}]}}")
            .field());
    assertTrue(
        rejected("user", "{\"userId\":\"u\",\"attributes\":{\"a" + escaped + "\":1}}")
            .field()
            .startsWith("attributes.a"));
    assertEquals(
        "attributes",
        rejected(
                "event",
                "{\"event\":\"e\",\"userId\":\"u\",\"attributes\":{\"k\":\"" + escaped + "\"}}")
            .field());
  }

  @Test
  void feedbackCommentsMayHoldTabCrAndLfButNoOtherControlCharacter() {
    TrackingItem.FeedbackCall f =
        (TrackingItem.FeedbackCall)
            parse(
                "feedback", "{\"featureKey\":\"r\",\"userId\":\"u\",\"comment\":\"a\\tb\\r\\nc\"}");
    assertEquals("a\tb\r\nc", f.comment());
    for (String bad : new String[] {"\\u0000", "\\u0007", "\\u001b"}) {
      InvalidInputException e =
          rejected(
              "feedback", "{\"featureKey\":\"r\",\"userId\":\"u\",\"comment\":\"a" + bad + "\"}");
      assertEquals("comment", e.field());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":1}", "[\"Acme\"]", "42", "true"})
  void theCompanyNameAttributeIsAStringOrNull(String value) {
    assertEquals(
        "attributes.name",
        rejected("company", "{\"companyId\":\"c\",\"attributes\":{\"name\":" + value + "}}")
            .field());
    TrackingItem.CompanyCall ok =
        (TrackingItem.CompanyCall)
            parse("company", "{\"companyId\":\"c\",\"attributes\":{\"name\":null}}");
    assertEquals("null", ok.attributes().get("name"));
  }

  @Test
  void eventAttributeNamesAreOneTo200CharactersToo() {
    assertEquals(
        "attributes.",
        rejected("event", "{\"event\":\"e\",\"userId\":\"u\",\"attributes\":{\"\":1}}").field());
    TrackingItem.EventCall e =
        (TrackingItem.EventCall)
            parse(
                "event", "{\"event\":\"e\",\"userId\":\"u\",\"attributes\":{\"name\":{\"a\":1}}}");
    assertEquals("{\"name\":{\"a\":1}}", e.attributesJson());
  }
}
