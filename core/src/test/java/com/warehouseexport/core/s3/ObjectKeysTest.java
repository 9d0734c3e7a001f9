package com.warehouseexport.core.s3;

import static com.warehouseexport.core.schedule.Cadence.DAILY;
import static com.warehouseexport.core.schedule.Cadence.WEEKLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeysTest {

  private static final LocalDate THU = LocalDate.of(2026, 11, 26);
  private static final LocalDate SUN = LocalDate.of(2026, 11, 29);

  @Test
  void dailyDataKeyWithPrefix() {
    assertEquals(
        "exports/company-usage/daily/date=2026-11-26/company-usage-production-12-2026-11-26.csv",
        ObjectKeys.dataKey("exports", "production-12", DAILY, THU));
  }

  @Test
  void gzipDataKeyEndsCsvGzNextToTheSameManifest() {
    assertEquals(
        "exports/company-usage/daily/date=2026-11-26/company-usage-production-12-2026-11-26.csv.gz",
        ObjectKeys.dataKey(
            "exports",
            "production-12",
            DAILY,
            THU,
            com.warehouseexport.core.csv.OutputFormat.CSV_GZ));
    assertEquals(
        "exports/company-usage/daily/date=2026-11-26/company-usage-production-12-2026-11-26"
            + ".manifest.json",
        ObjectKeys.manifestKey("exports", "production-12", DAILY, THU));
  }

  @Test
  void dataKeyWithoutPrefixHasNoLeadingSlash() {
    assertEquals(
        "company-usage/daily/date=2026-11-26/company-usage-production-12-2026-11-26.csv",
        ObjectKeys.dataKey("", "production-12", DAILY, THU));
  }

  @Test
  void weeklyKeys() {
    assertEquals(
        "a/b/company-usage/weekly/date=2026-11-29/company-usage-staging-3-2026-11-29.csv",
        ObjectKeys.dataKey("a/b", "staging-3", WEEKLY, SUN));
    assertEquals(
        "a/b/company-usage/weekly/date=2026-11-29/company-usage-staging-3-2026-11-29.manifest.json",
        ObjectKeys.manifestKey("a/b", "staging-3", WEEKLY, SUN));
  }

  @Test
  void manifestIsInTheSameFolderAsData() {
    String data = ObjectKeys.dataKey("p", "prod-1", DAILY, THU);
    String manifest = ObjectKeys.manifestKey("p", "prod-1", DAILY, THU);
    assertEquals(
        "p/company-usage/daily/date=2026-11-26/company-usage-prod-1-2026-11-26.manifest.json",
        manifest);
    String folder = ObjectKeys.folder("p", DAILY, THU);
    assertEquals("p/company-usage/daily/date=2026-11-26/", folder);
    assertTrue(data.startsWith(folder) && manifest.startsWith(folder));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/exports", "exports/", "//exports//"})
  void surroundingSlashesOfThePrefixAreIgnored(String prefix) {
    assertEquals(
        ObjectKeys.dataKey("exports", "prod-1", DAILY, THU),
        ObjectKeys.dataKey(prefix, "prod-1", DAILY, THU));
  }

  @Test
  void weeklyKeyNeedsASunday() {
    assertThrows(
        IllegalArgumentException.class, () -> ObjectKeys.dataKey("", "prod-1", WEEKLY, THU));
    assertThrows(
        IllegalArgumentException.class, () -> ObjectKeys.manifestKey("", "prod-1", WEEKLY, THU));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Prod-1", "prod_1", "prod--1", "-prod", "prod/1", "../x"})
  void invalidSlugsAreRejected(String slug) {
    assertThrows(IllegalArgumentException.class, () -> ObjectKeys.dataKey("", slug, DAILY, THU));
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {
        "Production, 12, production-12",
        "'  Staging  ', 3, staging-3",
        "Équipe QA / Staging, 7, equipe-qa-staging-7",
        "Prod (EU) #2, 5, prod-eu-2-5",
        "İstanbul, 9, istanbul-9",
        "ｐｒｏｄ, 1, prod-1",
        "日本, 4, env-4",
        "'', 4, env-4",
        "NULL, 8, env-8",
        "---, 0, env-0",
        "prod-12, 12, prod-12-12",
      })
  void slugs(String name, long id, String expected) {
    assertEquals(expected, ObjectKeys.slug(name, id));
  }

  @Test
  void slugNameIsTruncatedWithoutTrailingHyphen() {
    String name = "a".repeat(39) + " b" + "c".repeat(20);
    String slug = ObjectKeys.slug(name, 77);
    assertEquals("a".repeat(39) + "-77", slug);
    assertEquals("x".repeat(40) + "-1", ObjectKeys.slug("x".repeat(100), 1));
  }

  @Test
  void slugsAreUsableInKeys() {
    String slug = ObjectKeys.slug("Ünïcödé / ../ Name", Long.MAX_VALUE);
    assertEquals(
        "company-usage/daily/date=2026-11-26/company-usage-unicode-name-"
            + Long.MAX_VALUE
            + "-2026-11-26.csv",
        ObjectKeys.dataKey("", slug, DAILY, THU));
  }

  @Test
  void negativeIdRejected() {
    assertThrows(IllegalArgumentException.class, () -> ObjectKeys.slug("prod", -1));
  }
}
