package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile input against every endpoint of {@code api.v1} (PRODUCT.md §9): generated malformed
 * bodies (wrong types, nulls, huge numbers, deep nesting, control characters, invalid UTF-8,
 * oversized — declared and chunked), query strings and paths, as the operator and with the
 * ingestion key. No answer may be a 5xx, every 4xx is JSON with an {@code error}, and nothing is
 * stored. Cases are generated from a fixed seed (deterministic) and bounded in number: operator
 * calls cost a password hash each.
 */
@ExtendWith(ArquillianExtension.class)
class FuzzIT {

  private static final long SEED = 20261201L;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource private URL base;

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> failures = new ArrayList<>();
  private int calls;

  /** A field of a request body and how it may be broken. */
  private enum Kind {
    STRING,
    COMMENT,
    ID,
    BOOL,
    INT,
    TIMESTAMP,
    AS_OF,
    DATE,
    CONDITIONS,
    ATTRIBUTES,
    EVENT_ATTRIBUTES
  }

  /** A body endpoint: method, path, a valid body and its fields' kinds. */
  private record Endpoint(
      String method, String path, boolean ingestion, JsonObject valid, Map<String, Kind> fields) {}

  @Test
  void malformedInputNeverGets5xxAlwaysJsonErrorsAndStoresNothing() throws Exception {
    Api api = new Api(base);
    Api.Tenant tenant = api.newTenant("Fuzz " + UUID.randomUUID(), "ENTERPRISE");
    long env = tenant.environmentId();
    long org = tenant.organizationId();
    assertEquals(
        200,
        api.asOperator(
                "PUT",
                "/api/v1/environments/" + env + "/features/reports",
                "{\"name\":\"Reports\"}")
            .status());
    assertEquals(
        200,
        api.asOperator(
                "PUT",
                "/api/v1/environments/" + env + "/segments/eu",
                "{\"name\":\"EU\",\"conditions\":[{\"attribute\":\"region\",\"operator\":\"is\","
                    + "\"value\":\"EU\"}]}")
            .status());
    Api.Answer company =
        api.withKey(
            tenant.ingestionKey(),
            "/api/v1/track/company",
            "{\"companyId\":\"acme\",\"attributes\":{\"name\":\"Acme\"}}");
    assertEquals(202, company.status(), company.body());
    String before = state(api, env);

    Random random = new Random(SEED);
    String operator = Api.basic(Api.OPERATOR, Api.OPERATOR_PASSWORD);
    String key = "Bearer " + tenant.ingestionKey();

    // 1. Structurally broken bodies to every body-taking endpoint, as its caller.
    for (Endpoint e : endpoints(env, org)) {
      String auth = e.ingestion() ? key : operator;
      for (byte[] body : structural(random, e.ingestion() ? 6 : 3)) {
        if (e.path().contains("/features/")
            && parse(new String(body, StandardCharsets.UTF_8)) != null) {
          continue; // every field of a feature is optional: any JSON object is a valid body
        }
        check(e.method(), e.path(), body, auth, e.path().endsWith("/bulk"));
      }
      // 2. One field broken at a time (wrong type, control characters, out of bounds).
      for (Map.Entry<String, Kind> field : e.fields().entrySet()) {
        List<JsonValue> bad = broken(field.getValue());
        int n = e.ingestion() ? bad.size() : Math.min(bad.size(), 3);
        for (JsonValue value : pick(random, bad, n)) {
          JsonObject body = Json.createObjectBuilder(e.valid()).add(field.getKey(), value).build();
          check(e.method(), e.path(), utf8(body.toString()), auth, false);
        }
        Kind kind = field.getValue();
        if (kind == Kind.STRING || kind == Kind.ID || kind == Kind.COMMENT) {
          // an unpaired surrogate can only be sent as a JSON escape
          String rest =
              Json.createObjectBuilder(e.valid()).remove(field.getKey()).build().toString();
          String raw =
              rest.substring(0, rest.length() - 1)
                  + (rest.length() > 2 ? "," : "")
                  + "\""
                  + field.getKey()
                  + "\":\"half \\ud800 surrogate\"}";
          check(e.method(), e.path(), utf8(raw), auth, false);
        }
      }
      // Bulk: the same broken items inside an array are rejected one by one (200), none stored.
      if (e.ingestion() && !e.path().endsWith("/bulk")) {
        String type = e.path().substring(e.path().lastIndexOf('/') + 1);
        StringBuilder bulk = new StringBuilder("[");
        for (Map.Entry<String, Kind> field : e.fields().entrySet()) {
          for (JsonValue value : broken(field.getValue())) {
            JsonObject item =
                Json.createObjectBuilder(e.valid())
                    .add("type", type)
                    .add(field.getKey(), value)
                    .build();
            bulk.append(bulk.length() > 1 ? "," : "").append(item);
          }
        }
        check("POST", "/api/v1/track/bulk", utf8(bulk.append("]").toString()), key, true);
      }
    }

    // 2b. The PostgreSQL destination of a settings save or connection test, one nested field
    // broken at a time. Its host stays 127.0.0.1 (port 1: nothing listens) or is a non-string:
    // the fuzzer never makes the server resolve or connect to any other address.
    JsonObject destination =
        obj(
            "{\"kind\":\"postgresql\",\"host\":\"127.0.0.1\",\"port\":1,\"database\":\"fz\","
                + "\"schema\":\"public\",\"table\":\"company_usage\",\"user\":\"fz\","
                + "\"password\":\"fz-password\",\"tlsMode\":\"require\"}");
    for (String path :
        List.of(
            "/api/v1/environments/" + env + "/export-settings/test-connection",
            "/api/v1/environments/" + env + "/export-settings")) {
      String method = path.endsWith("/export-settings") ? "PUT" : "POST";
      for (String field : destination.keySet()) {
        List<JsonValue> bad =
            new ArrayList<>(broken("port".equals(field) ? Kind.INT : Kind.STRING));
        if ("host".equals(field)) {
          bad.removeIf(v -> v.getValueType() == JsonValue.ValueType.STRING);
        } else if ("port".equals(field)) {
          bad.add(Json.createValue(0));
          bad.add(Json.createValue(70_000));
          bad.add(Json.createValue("http"));
        }
        for (JsonValue value : bad) {
          JsonObject body =
              Json.createObjectBuilder()
                  .add("enabled", true)
                  .add("cadence", "daily")
                  .add(
                      "destination",
                      Json.createObjectBuilder(destination).add(field, value).build())
                  .build();
          check(method, path, utf8(body.toString()), operator, false);
        }
      }
    }

    // 3. Operator endpoints called with the ingestion key, ingestion with the operator's password:
    // 401. (That the container's 401 on the operator APIs is JSON as well belongs to the
    // authentication mechanism, web.security; here only its status is checked.)
    expect401(send("GET", "/api/v1/organizations", null, key, false));
    expect401(
        send("PUT", "/api/v1/environments/" + env + "/export-settings", utf8("{}"), key, false));
    check("POST", "/api/v1/track/user", utf8("{\"userId\":\"u\"}"), operator, false);

    // 4. Oversized bodies: declared and chunked, to ingestion and to an operator endpoint.
    byte[] huge = new byte[20 * 1024 * 1024];
    Arrays.fill(huge, (byte) ' ');
    huge[0] = '[';
    huge[huge.length - 1] = ']';
    expect413(send("POST", "/api/v1/track/bulk", huge, key, false));
    expect413(send("POST", "/api/v1/track/bulk", huge, key, true));
    expect413(send("POST", "/api/v1/environments/" + env + "/exports", huge, operator, false));
    expect413(send("POST", "/api/v1/environments/" + env + "/exports", huge, operator, true));
    byte[] big = new byte[300 * 1024];
    Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    big[big.length - 1] = '}';
    expect413(send("PUT", "/api/v1/environments/" + env + "/export-settings", big, operator, true));
    expect413(send("POST", "/api/v1/track/user", big, key, false));

    // 5. Query strings and paths.
    for (String path : paths(env, org)) {
      String[] parts = path.split(" ", 2);
      check(parts[0], parts[1], null, operator, false);
    }
    // Control characters and oversized keys in path segments, with otherwise valid bodies.
    for (String segment : List.of("%00", "a%01b", "tab%09", "x".repeat(201))) {
      check(
          "PUT",
          "/api/v1/environments/" + env + "/features/" + segment,
          utf8("{\"name\":\"Valid\"}"),
          operator,
          false);
      check(
          "PUT",
          "/api/v1/environments/" + env + "/segments/" + segment,
          utf8("{\"name\":\"Valid\",\"conditions\":[]}"),
          operator,
          false);
    }
    for (String type : List.of("teleport", "%00", "COMPANY", "bulk%2F..", "a".repeat(300))) {
      check("POST", "/api/v1/track/" + type, utf8("{\"userId\":\"u\"}"), key, false);
    }

    // 6. Body-less calls take no body or a JSON object: anything else is a 400 before they run
    // (a malformed body once rotated the ingestion key).
    String e6 = "/api/v1/environments/" + env;
    for (String call :
        List.of(
            "POST " + e6 + "/ingestion-key/rotation",
            "POST " + e6 + "/export-status/resume",
            "POST " + e6 + "/notification-targets/test",
            "POST /api/v1/exports/0/stop",
            "POST /api/v1/exports/0/restart",
            "POST /api/v1/exports/0/abandon",
            "DELETE " + e6 + "/notification-targets/0",
            "DELETE /api/v1/tokens/0")) {
      String[] parts = call.split(" ", 2);
      for (byte[] body :
          List.of(
              utf8("{\"x\":"),
              utf8("[]"),
              utf8("\"x\""),
              utf8("null"),
              utf8("{"),
              new byte[] {'{', (byte) 0xff, '}'})) {
        HttpResponse<byte[]> answer = send(parts[0], parts[1], body, operator, false);
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        JsonObject json = parse(text);
        if (answer.statusCode() != 400 || json == null || !json.containsKey("error")) {
          failures.add(
              call + " " + abbreviate(body) + " → " + answer.statusCode() + " " + abbreviate(text));
        }
      }
    }

    if (!failures.isEmpty()) {
      fail(failures.size() + " of " + calls + " calls misbehaved:\n" + String.join("\n", failures));
    }
    assertEquals(before, state(api, env), "malformed calls changed stored state");
    assertTrue(calls > 300, "only " + calls + " calls");
  }

  @Test
  void createdResourcesHaveAUsableLocation() {
    Api api = new Api(base);
    Api.Answer org =
        api.asOperator(
            "POST",
            "/api/v1/organizations",
            "{\"name\":\"Loc " + UUID.randomUUID() + "\",\"plan\":\"PRO\"}");
    assertEquals(201, org.status(), org.body());
    String location = org.raw().headers().firstValue("Location").orElseThrow();
    assertTrue(!location.contains("/api/api/"), location);
    assertTrue(
        location.endsWith("/api/v1/organizations/" + org.json().getJsonNumber("id").longValue()),
        location);
    long orgId = org.json().getJsonNumber("id").longValue();
    Api.Answer env =
        api.asOperator(
            "POST", "/api/v1/organizations/" + orgId + "/environments", "{\"name\":\"P\"}");
    String envLocation = env.raw().headers().firstValue("Location").orElseThrow();
    long envId = env.json().getJsonNumber("id").longValue();
    assertTrue(envLocation.endsWith("/api/v1/environments/" + envId), envLocation);
    Api.Answer followed = api.asOperator("GET", URI.create(envLocation).getPath(), null);
    assertEquals(200, followed.status(), followed.body());
    Api.Answer start =
        api.asOperator(
            "POST", "/api/v1/environments/" + envId + "/exports", "{\"aggregation\":\"snapshot\"}");
    assertEquals(202, start.status(), start.body());
    String exportLocation = start.raw().headers().firstValue("Location").orElseThrow();
    assertTrue(
        exportLocation.endsWith(
            "/api/v1/exports/" + start.json().getJsonNumber("executionId").longValue()),
        exportLocation);
    api.awaitExport(start.json().getJsonNumber("executionId").longValue());
  }

  @Test
  void theIssuesExamplesAnswer4xxNamingTheField() {
    Api api = new Api(base);
    Api.Tenant tenant = api.newTenant("Fuzz examples " + UUID.randomUUID(), "ENTERPRISE");
    long env = tenant.environmentId();
    Api.Answer yes =
        api.asOperator(
            "PUT", "/api/v1/environments/" + env + "/export-settings", "{\"enabled\":\"yes\"}");
    assertEquals(422, yes.status(), yes.body());
    assertEquals("enabled", yes.json().getString("field"));
    for (String body : List.of("\"x\"", "null", "", "[]")) {
      Api.Answer a = api.asOperator("POST", "/api/v1/environments/" + env + "/exports", body);
      assertEquals(400, a.status(), body + " → " + a.body());
      assertTrue(a.json().containsKey("error") && a.json().containsKey("field"), a.body());
    }
    Api.Answer old =
        api.withKey(
            tenant.ingestionKey(),
            "/api/v1/track/user",
            "{\"userId\":\"u\",\"timestamp\":\"-999999999-01-01T00:00:00Z\"}");
    assertEquals(400, old.status(), old.body());
    assertEquals("timestamp", old.json().getString("field"));
    Api.Answer asOf =
        api.asOperator(
            "POST",
            "/api/v1/environments/" + env + "/exports",
            "{\"aggregation\":\"snapshot\",\"asOf\":\"-999999999-01-01T00:00:00Z\"}");
    assertEquals(400, asOf.status(), asOf.body());
    assertEquals("asOf", asOf.json().getString("field"));
    Api.Answer name =
        api.withKey(
            tenant.ingestionKey(),
            "/api/v1/track/company",
            "{\"companyId\":\"c\",\"attributes\":{\"name\":{\"a\":1}}}");
    assertEquals(400, name.status(), name.body());
    assertEquals("attributes.name", name.json().getString("field"));
    Api.Answer nul =
        api.withKey(
            tenant.ingestionKey(), "/api/v1/track/company", "{\"companyId\":\"a\\u0000b\"}");
    assertEquals(400, nul.status(), nul.body());
    assertEquals("companyId", nul.json().getString("field"));
    String deep = "[".repeat(5_000) + "]".repeat(5_000);
    Api.Answer nested = api.withKey(tenant.ingestionKey(), "/api/v1/track/bulk", deep);
    assertEquals(400, nested.status(), nested.body());
    Api.Answer digits =
        api.withKey(
            tenant.ingestionKey(),
            "/api/v1/track/company",
            "{\"companyId\":" + "9".repeat(60_000) + "}");
    assertEquals(400, digits.status(), digits.body());
    Api.Answer page =
        api.asOperator("GET", "/api/v1/environments/" + env + "/exports?page=2147483647", null);
    assertEquals(400, page.status(), page.body());
    assertEquals("page", page.json().getString("field"));
    String one = "{\"attribute\":\"a\",\"operator\":\"is true\"}";
    Api.Answer conditions =
        api.asOperator(
            "PUT",
            "/api/v1/environments/" + env + "/segments/many",
            "{\"name\":\"Many\",\"conditions\":["
                + String.join(",", java.util.Collections.nCopies(5_000, one))
                + "]}");
    assertEquals(400, conditions.status(), conditions.body());
    assertTrue(conditions.json().getString("error").contains("100"), conditions.body());
  }

  // --- generation ---

  private static List<Endpoint> endpoints(long env, long org) {
    List<Endpoint> list = new ArrayList<>();
    list.add(
        new Endpoint(
            "POST",
            "/api/v1/track/company",
            true,
            obj(
                "{\"companyId\":\"fz-c\",\"userId\":\"fz-u\",\"attributes\":{\"name\":\"F\"},"
                    + "\"timestamp\":\"2025-01-01T00:00:00Z\"}"),
            fields(
                "companyId",
                Kind.ID,
                "userId",
                Kind.ID,
                "attributes",
                Kind.ATTRIBUTES,
                "timestamp",
                Kind.TIMESTAMP)));
    list.add(
        new Endpoint(
            "POST",
            "/api/v1/track/user",
            true,
            obj("{\"userId\":\"fz-u\",\"attributes\":{\"email\":\"a@b.c\"}}"),
            fields("userId", Kind.ID, "attributes", Kind.ATTRIBUTES, "timestamp", Kind.TIMESTAMP)));
    list.add(
        new Endpoint(
            "POST",
            "/api/v1/track/event",
            true,
            obj("{\"event\":\"fz-feature\",\"userId\":\"fz-u\",\"companyId\":\"fz-c\"}"),
            fields(
                "event",
                Kind.ID,
                "userId",
                Kind.ID,
                "companyId",
                Kind.ID,
                "attributes",
                Kind.EVENT_ATTRIBUTES,
                "timestamp",
                Kind.TIMESTAMP)));
    list.add(
        new Endpoint(
            "POST",
            "/api/v1/track/feedback",
            true,
            obj(
                "{\"featureKey\":\"fz-feature\",\"userId\":\"fz-u\",\"companyId\":\"fz-c\","
                    + "\"score\":3,\"comment\":\"ok\"}"),
            fields(
                "featureKey",
                Kind.ID,
                "userId",
                Kind.ID,
                "score",
                Kind.INT,
                "comment",
                Kind.COMMENT,
                "timestamp",
                Kind.TIMESTAMP)));
    list.add(new Endpoint("POST", "/api/v1/track/bulk", true, obj("{}"), fields()));
    list.add(
        new Endpoint(
            "POST",
            "/api/v1/organizations",
            false,
            obj("{\"name\":\"Fuzz org\",\"plan\":\"PRO\"}"),
            fields("name", Kind.STRING, "plan", Kind.STRING)));
    list.add(
        new Endpoint(
            "PATCH",
            "/api/v1/organizations/" + org,
            false,
            obj("{\"plan\":\"PRO\"}"),
            fields("plan", Kind.STRING)));
    list.add(
        new Endpoint(
            "POST",
            "/api/v1/organizations/" + org + "/environments",
            false,
            obj("{\"name\":\"Staging\"}"),
            fields("name", Kind.STRING)));
    list.add(
        new Endpoint(
            "POST",
            "/api/v1/organizations/" + org + "/admins",
            false,
            obj("{\"username\":\"fuzz-admin-" + org + "\",\"password\":\"long-enough-1\"}"),
            fields("username", Kind.STRING, "password", Kind.STRING)));
    list.add(
        new Endpoint(
            "PUT",
            "/api/v1/environments/" + env + "/features/reports",
            false,
            obj("{\"name\":\"Renamed\",\"adoptionDays\":3,\"adoptionWindowDays\":10}"),
            fields("name", Kind.STRING, "adoptionDays", Kind.INT, "adoptionWindowDays", Kind.INT)));
    list.add(
        new Endpoint(
            "PUT",
            "/api/v1/environments/" + env + "/segments/eu",
            false,
            obj("{\"name\":\"Europe\",\"conditions\":[]}"),
            fields("name", Kind.STRING, "conditions", Kind.CONDITIONS)));
    list.add(
        new Endpoint(
            "PUT",
            "/api/v1/environments/" + env + "/export-settings",
            false,
            obj(
                "{\"enabled\":false,\"cadence\":\"daily\",\"provider\":\"AWS\","
                    + "\"bucketUrl\":\"s3://b/k\",\"region\":\"us-east-1\"}"),
            fields(
                "enabled",
                Kind.BOOL,
                "cadence",
                Kind.STRING,
                "provider",
                Kind.STRING,
                "bucketUrl",
                Kind.STRING,
                "region",
                Kind.STRING,
                "accessKeyId",
                Kind.STRING,
                "secretAccessKey",
                Kind.STRING,
                "format",
                Kind.STRING)));
    list.add(
        new Endpoint(
            "POST",
            "/api/v1/environments/" + env + "/export-settings/test-connection",
            false,
            obj(
                "{\"destination\":{\"kind\":\"postgresql\",\"host\":\"127.0.0.1\",\"port\":1,"
                    + "\"database\":\"fz\",\"user\":\"fz\",\"password\":\"fz-password\"}}"),
            fields("destination", Kind.STRING)));
    list.add(
        new Endpoint(
            "POST",
            "/api/v1/environments/" + env + "/notification-targets",
            false,
            obj("{\"type\":\"webhook\",\"url\":\"https://hooks.example.com/warehouse\"}"),
            fields("type", Kind.STRING, "url", Kind.STRING)));
    list.add(
        new Endpoint(
            "POST",
            "/api/v1/environments/" + env + "/notification-targets",
            false,
            obj("{\"type\":\"email\",\"addresses\":[\"data-team@example.com\"]}"),
            fields("type", Kind.STRING, "addresses", Kind.STRING)));
    list.add(
        new Endpoint(
            "POST",
            "/api/v1/environments/" + env + "/export-settings/backfill",
            false,
            obj("{\"from\":\"2026-01-01\"}"),
            fields("from", Kind.DATE)));
    list.add(
        new Endpoint(
            "POST",
            "/api/v1/environments/" + env + "/export-settings/backfill",
            false,
            obj("{\"from\":\"2026-01-01\",\"to\":\"2026-01-02\"}"),
            fields("from", Kind.DATE, "to", Kind.DATE)));
    list.add(
        new Endpoint(
            "POST",
            "/api/v1/tokens",
            false,
            obj("{\"name\":\"fuzz token\"}"),
            fields("name", Kind.STRING, "expiresAt", Kind.TIMESTAMP)));
    list.add(
        new Endpoint(
            "POST",
            "/api/v1/environments/" + env + "/exports",
            false,
            obj("{\"aggregation\":\"snapshot\",\"asOf\":\"2026-01-01T00:00:00Z\"}"),
            fields("aggregation", Kind.STRING, "asOf", Kind.AS_OF, "chunkCompanies", Kind.INT)));
    return list;
  }

  /** Bodies that are not a well-formed, bounded JSON object. */
  private static List<byte[]> structural(Random random, int n) {
    List<byte[]> all = new ArrayList<>();
    for (String s :
        List.of(
            "",
            " ",
            "\"x\"",
            "null",
            "[]",
            "1",
            "true",
            "{",
            "{\"a\":}",
            "{\"a\":1,}",
            "{'a':1}",
            "[{\"type\":\"user\"",
            "\u0000",
            "{\"a\":\"\u0001\"}",
            "[".repeat(5_000) + "]".repeat(5_000),
            "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
            "{\"n\":" + "9".repeat(60_000) + "}",
            "{\"n\":-" + "9".repeat(2_000) + "e99999}",
            "{\"n\":1e999999999}")) {
      all.add(utf8(s));
    }
    all.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
    all.add(new byte[] {'{', '"', (byte) 0xFF, (byte) 0xFE, '"', ':', '1', '}'});
    all.add(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'});
    all.add(
        new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'});
    // the deep, huge and invalid-UTF-8 cases always; the rest sampled
    List<byte[]> chosen = new ArrayList<>(all.subList(14, all.size()));
    chosen.addAll(pick(random, all.subList(0, 14), n));
    return chosen;
  }

  /** Values that are wrong for a field of this kind. */
  private static List<JsonValue> broken(Kind kind) {
    List<JsonValue> common =
        List.of(
            obj("{\"a\":1}"),
            Json.createArrayBuilder().add("x").build(),
            JsonValue.TRUE,
            Json.createValue("a\u0000b"),
            Json.createValue("\u001b[31mred"),
            Json.createValue("\u0007bell"));
    List<JsonValue> values = new ArrayList<>();
    switch (kind) {
      case STRING -> {
        values.addAll(common);
        values.add(Json.createValue("line\nbreak"));
        values.add(Json.createValue(12));
      }
      case COMMENT -> {
        values.addAll(common);
        values.add(Json.createValue(12));
      }
      case ID -> {
        values.addAll(common);
        values.add(Json.createValue("tab\there"));
        values.add(Json.createValue(""));
        values.add(Json.createValue("x".repeat(600)));
      }
      case BOOL -> {
        values.add(Json.createValue("yes"));
        values.add(Json.createValue("true"));
        values.add(Json.createValue(1));
        values.add(obj("{}"));
        values.add(Json.createArrayBuilder().build());
      }
      case INT -> {
        values.add(Json.createValue("5"));
        values.add(Json.createValue(1.5));
        values.add(Json.createValue(new java.math.BigInteger("9".repeat(30))));
        values.add(Json.createValue(new java.math.BigDecimal("-1e40")));
        values.add(JsonValue.TRUE);
        values.add(obj("{}"));
      }
      case TIMESTAMP, AS_OF -> {
        values.add(Json.createValue("-999999999-01-01T00:00:00Z"));
        values.add(Json.createValue("+999999999-12-31T23:59:59Z"));
        values.add(Json.createValue("0000-01-01T00:00:00Z"));
        values.add(Json.createValue("9999-12-31T23:59:59Z"));
        values.add(Json.createValue("+1000000000-12-31T23:59:59Z")); // Instant.MAX's second
        values.add(Json.createValue("+292278994-08-17T07:12:55Z")); // beyond epoch millis
        values.add(Json.createValue("1969-12-31T23:59:59Z"));
        values.add(Json.createValue(1764145800000L));
        values.add(Json.createValue("yesterday"));
        values.add(Json.createValue("2026-01-01T00:00:00\u0000Z"));
        values.add(obj("{}"));
        if (kind == Kind.AS_OF) {
          values.add(Json.createValue("1999-12-31T23:59:59Z"));
          values.add(Json.createValue("2999-01-01T00:00:00Z"));
        }
      }
      case DATE -> {
        values.add(Json.createValue("-999999999-01-01"));
        values.add(Json.createValue("+999999999-12-31"));
        values.add(Json.createValue("0000-01-01"));
        values.add(Json.createValue("9999-12-31"));
        values.add(Json.createValue("2026-13-01"));
        values.add(Json.createValue(20260101));
        values.add(obj("{}"));
      }
      case CONDITIONS -> {
        values.add(Json.createValue("x"));
        values.add(obj("{}"));
        values.add(Json.createArrayBuilder().add(1).build());
        values.add(
            Json.createArrayBuilder()
                .add(obj("{\"attribute\":\"a\\u0000\",\"operator\":\"is\",\"value\":\"x\"}"))
                .build());
        values.add(
            Json.createArrayBuilder()
                .add(obj("{\"attribute\":\"a\",\"operator\":\"is\",\"value\":{\"x\":[1]}}"))
                .build());
        values.add(
            Json.createArrayBuilder()
                .add(obj("{\"attribute\":\"a\",\"operator\":\"any of\",\"values\":\"x\"}"))
                .build());
      }
      case ATTRIBUTES -> {
        values.add(Json.createValue("x"));
        values.add(Json.createArrayBuilder().build());
        values.add(obj("{\"name\":{\"a\":1}}"));
        values.add(obj("{\"name\":[\"Acme\"]}"));
        values.add(obj("{\"name\":\"NUL\\u0000\"}"));
        values.add(obj("{\"k\\u0001\":1}"));
        values.add(obj("{\"k\":[\"ok\",{\"deep\":\"\\u001f\"}]}"));
        values.add(obj("{\"\":1}"));
      }
      case EVENT_ATTRIBUTES -> {
        values.addAll(broken(Kind.ATTRIBUTES));
        values.removeIf(
            v -> v.toString().startsWith("{\"name\":{") || v.toString().startsWith("{\"name\":["));
      }
      default -> throw new IllegalArgumentException(kind.name());
    }
    return values;
  }

  private static List<String> paths(long env, long org) {
    List<String> paths = new ArrayList<>();
    String e = "/api/v1/environments/" + env;
    for (String q :
        List.of(
            "page=2147483647",
            "page=-1",
            "page=abc",
            "page=1e3",
            "size=0",
            "size=201",
            "size=2147483647",
            "size=-2147483648",
            "page=99999999999999999999",
            "page=%00",
            "size=%20")) {
      paths.add("GET " + e + "/exports?" + q);
    }
    for (String now :
        List.of(
            "-999999999-01-01T00:00:00Z",
            "%2B999999999-12-31T23:59:59Z",
            "%2B1000000000-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "yesterday",
            "2026-01-01T00:00:00Z&haltAfterClaim=yes")) {
      paths.add("POST /api/v1/system/scheduler/tick?now=" + now);
    }
    for (String period :
        List.of("-999999999-01-01", "%2B999999999-12-31", "0000-01-01", "2026-13-01", "x", "%00")) {
      paths.add("POST " + e + "/export-periods/" + period);
    }
    paths.add("POST " + e + "/export-periods/2026-01-01?replace=yes");
    paths.add("POST " + e + "/export-settings/test-file");
    for (String q : List.of("", "?replace=yes", "?replace=true", "?replace=%00", "?replace=")) {
      paths.add("POST " + e + "/export-settings/export-now" + q);
    }
    paths.add("POST " + e + "/notification-targets/test"); // no target yet
    paths.add("POST " + e + "/export-status/resume"); // not paused
    for (String q :
        List.of(
            "",
            "from=x&to=2026-01-01",
            "from=2026-01-01",
            "from=2026-01-01&to=2026-13-01",
            "from=-999999999-01-01&to=2026-01-01",
            "from=2026-01-01&to=%2B999999999-12-31",
            "from=2026-01-01&to=%00")) {
      paths.add("GET " + e + "/export-settings/backfill?" + q);
    }
    for (String q : List.of("zip", "CSV.GZ", "%00", "csv.gz.gz", "")) {
      paths.add("GET /api/v1/exports/0/csv?format=" + q);
    }
    for (String id :
        List.of("abc", "-1", "0", "99999999999999999999", "9223372036854775807", "1.5", "%00")) {
      paths.add("GET /api/v1/environments/" + id);
      paths.add("GET /api/v1/exports/" + id);
      paths.add("GET /api/v1/exports/" + id + "/csv");
      paths.add("POST /api/v1/exports/" + id + "/stop");
      paths.add("POST /api/v1/exports/" + id + "/restart");
      paths.add("POST /api/v1/exports/" + id + "/abandon");
      paths.add("GET /api/v1/environments/" + id + "/export-settings");
      paths.add("GET /api/v1/environments/" + id + "/export-status");
      paths.add("GET /api/v1/environments/" + id + "/export-calendar");
      paths.add("POST /api/v1/environments/" + id + "/export-settings/test-file");
      paths.add("POST /api/v1/environments/" + id + "/export-settings/export-now");
      paths.add("PATCH /api/v1/organizations/" + id);
      paths.add("DELETE " + e + "/notification-targets/" + id);
      paths.add("PUT " + e + "/notification-targets/" + id);
      paths.add("GET /api/v1/environments/" + id + "/notification-targets");
      paths.add("GET /api/v1/environments/" + id + "/notification-deliveries");
      paths.add("POST /api/v1/environments/" + id + "/export-status/resume");
      paths.add("POST /api/v1/environments/" + id + "/ingestion-key/rotation");
      paths.add("GET /api/v1/environments/" + id + "/features");
      paths.add("DELETE /api/v1/tokens/" + id);
    }
    paths.add("GET /api/v1/nowhere");
    paths.add("GET /api/v2/organizations");
    paths.add("DELETE /api/v1/organizations/" + org);
    paths.add("DELETE " + e);
    return paths;
  }

  // --- calls and checks ---

  private void check(String method, String path, byte[] body, String auth, boolean bulk) {
    HttpResponse<byte[]> answer = send(method, path, body, auth, false);
    int status = answer.statusCode();
    String text = new String(answer.body(), StandardCharsets.UTF_8);
    String what = method + " " + abbreviate(path) + " " + abbreviate(body) + " → " + status;
    if (status >= 500) {
      failures.add(what + " " + abbreviate(text));
      return;
    }
    if (bulk && status == 200) {
      JsonObject json = parse(text);
      if (json == null || json.getInt("accepted", -1) != 0) {
        failures.add(what + " accepted broken bulk items: " + abbreviate(text));
      }
      return;
    }
    if (status < 400) {
      failures.add(what + " accepted a malformed call: " + abbreviate(text));
      return;
    }
    JsonObject json = parse(text);
    if (json == null || !(json.get("error") instanceof jakarta.json.JsonString)) {
      failures.add(what + " is not a JSON error: " + abbreviate(text));
    }
  }

  private void expect401(HttpResponse<byte[]> answer) {
    if (answer.statusCode() != 401) {
      failures.add(
          "wrong credentials "
              + answer.request().uri()
              + " → "
              + answer.statusCode()
              + " "
              + abbreviate(new String(answer.body(), StandardCharsets.UTF_8)));
    }
  }

  private void expect413(HttpResponse<byte[]> answer) {
    String text = new String(answer.body(), StandardCharsets.UTF_8);
    if (answer.statusCode() != 413 || parse(text) == null) {
      failures.add(
          "oversized body " + answer.request().uri() + " → " + answer.statusCode() + " " + text);
    }
  }

  private HttpResponse<byte[]> send(
      String method, String path, byte[] body, String auth, boolean chunked) {
    calls++;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
            .timeout(Duration.ofSeconds(60));
    if (auth != null) {
      request.header("Authorization", auth);
    }
    HttpRequest.BodyPublisher publisher;
    if (body == null) {
      publisher = HttpRequest.BodyPublishers.noBody();
    } else {
      request.header("Content-Type", "application/json");
      publisher =
          chunked
              ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
              : HttpRequest.BodyPublishers.ofByteArray(body);
    }
    try {
      return client.send(
          request.method(method, publisher).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(
          method
              + " "
              + abbreviate(path)
              + " ("
              + (body == null ? 0 : body.length)
              + " bytes, chunked="
              + chunked
              + ") failed: "
              + e,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What may not change: the environment, its features, segments, settings, data and orgs. */
  private static String state(Api api, long env) throws Exception {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("environment", api.asOperator("GET", "/api/v1/environments/" + env, null).body());
    state.put(
        "settings",
        api.asOperator("GET", "/api/v1/environments/" + env + "/export-settings", null).body());
    state.put(
        "exports",
        api.asOperator("GET", "/api/v1/environments/" + env + "/exports?size=200", null).body());
    state.put(
        "notification targets",
        api.asOperator("GET", "/api/v1/environments/" + env + "/notification-targets", null)
            .body());
    state.put(
        "organizations",
        api.asOperator("GET", "/api/v1/organizations", null).structure().asJsonArray().size());
    state.put(
        "environments",
        api.asOperator("GET", "/api/v1/environments", null).structure().asJsonArray().size());
    state.put("operator's tokens", api.asOperator("GET", "/api/v1/tokens", null).body());
    // Companies, rollups, events and feedback as stored (the embedded database opens no port).
    state.put(
        "tracking",
        api.asOperator("GET", "/api/v1/system/environments/" + env + "/tracking", null).body());
    return state.toString();
  }

  private static JsonObject parse(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static <T> List<T> pick(Random random, List<T> from, int n) {
    List<T> copy = new ArrayList<>(from);
    java.util.Collections.shuffle(copy, random);
    return copy.subList(0, Math.min(n, copy.size()));
  }

  private static Map<String, Kind> fields(Object... pairs) {
    Map<String, Kind> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], (Kind) pairs[i + 1]);
    }
    return map;
  }

  private static JsonObject obj(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String abbreviate(Object value) {
    String text =
        value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(value);
    return text.length() <= 120 ? text : text.substring(0, 120) + "…(" + text.length() + ")";
  }
}
