package com.warehouseexport.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchemaMigratorTest {

  /**
   * The checksum of every migration that may already be applied somewhere. Migrations are
   * append-only: a changed file stops every server whose database applied the old one. Change the
   * schema by adding {@code V<n+1>__….sql} to {@code index.txt}, never by editing these files.
   */
  private static final Map<String, String> RELEASED =
      Map.of(
          "V1__tenancy_and_tracking.sql",
          "6faa520cab54be19e76fa024532db05ad1a491129190ddfbf980ea4ad3928b9d");

  private static final ClassLoader REAL = SchemaMigratorTest.class.getClassLoader();

  // --- statements() ---

  @Test
  void splitsOnSemicolonsAtLineEndsAndDropsThem() {
    assertEquals(
        List.of("CREATE TABLE a (id INT)", "CREATE TABLE b (\n  id INT\n)"),
        SchemaMigrator.statements("CREATE TABLE a (id INT);\nCREATE TABLE b (\n  id INT\n);\n"));
  }

  @Test
  void dropsCommentLinesAndBlankLines() {
    assertEquals(
        List.of("CREATE TABLE a (\n  id INT\n)"),
        SchemaMigrator.statements(
            "-- header; with a semicolon;\n\n   -- indented comment;\nCREATE TABLE a (\n"
                + "  -- a column comment;\n  id INT\n);\n\n"));
  }

  @Test
  void semicolonsInsideALineDoNotSplit() {
    assertEquals(
        List.of("INSERT INTO t VALUES ('a;b')"),
        SchemaMigrator.statements("INSERT INTO t VALUES ('a;b');"));
    assertEquals(List.of("SELECT 1; SELECT 2"), SchemaMigrator.statements("SELECT 1; SELECT 2;\n"));
  }

  @Test
  void trailingWhitespaceAfterTheSemicolonStillEndsTheStatement() {
    assertEquals(
        List.of("CREATE TABLE a (id INT)", "CREATE TABLE b (id INT)"),
        SchemaMigrator.statements("CREATE TABLE a (id INT);   \nCREATE TABLE b (id INT);\t\n"));
  }

  @Test
  void aLastStatementWithoutSemicolonIsKept() {
    assertEquals(
        List.of("CREATE TABLE a (id INT)", "CREATE INDEX a_idx ON a (id)"),
        SchemaMigrator.statements("CREATE TABLE a (id INT);\nCREATE INDEX a_idx ON a (id)\n"));
  }

  @Test
  void windowsLineEndsAreHandled() {
    assertEquals(
        List.of("CREATE TABLE a (id INT)", "CREATE TABLE b (id INT)"),
        SchemaMigrator.statements(
            "-- c\r\nCREATE TABLE a (id INT);\r\nCREATE TABLE b (id INT);\r\n"));
  }

  @Test
  void aScriptOfOnlyCommentsHasNoStatements() {
    assertEquals(List.of(), SchemaMigrator.statements("-- nothing;\n\n-- here\n"));
    assertEquals(List.of(), SchemaMigrator.statements(""));
  }

  // --- the real migration files ---

  @Test
  void theRealMigrationsAreListedInVersionOrderAndSplitIntoStatements() {
    List<SchemaMigrator.Migration> migrations = new SchemaMigrator(REAL).migrations();
    assertFalse(migrations.isEmpty());
    Set<Integer> versions = new HashSet<>();
    int previous = 0;
    for (SchemaMigrator.Migration m : migrations) {
      assertTrue(m.version() > previous, "versions ascend in index.txt: " + m.file());
      assertTrue(versions.add(m.version()), "duplicate version " + m.version());
      assertTrue(m.file().matches("V" + m.version() + "__[a-z0-9_]+\\.sql"), m.file());
      previous = m.version();
      List<String> statements = SchemaMigrator.statements(m.sql());
      assertFalse(statements.isEmpty(), m.file());
      for (String statement : statements) {
        assertTrue(
            statement.matches("(?s)(CREATE|ALTER|INSERT|DROP|UPDATE|DELETE) .*"),
            m.file() + ": does not look like one statement: " + statement);
        assertFalse(statement.endsWith(";"), statement);
        assertFalse(
            statement.lines().anyMatch(l -> l.strip().endsWith(";")),
            m.file() + ": two statements were glued together: " + statement);
        assertFalse(
            statement.lines().anyMatch(l -> l.strip().startsWith("--")),
            m.file() + ": a comment was kept: " + statement);
      }
    }
    assertEquals(1, migrations.get(0).version());
  }

  @Test
  void v1HasOneStatementPerCreate() {
    SchemaMigrator.Migration v1 = new SchemaMigrator(REAL).migrations().get(0);
    long creates = v1.sql().lines().filter(l -> l.startsWith("CREATE ")).count();
    assertEquals(creates, SchemaMigrator.statements(v1.sql()).size());
  }

  @Test
  void releasedMigrationsKeepTheirChecksum() {
    List<SchemaMigrator.Migration> migrations = new SchemaMigrator(REAL).migrations();
    for (SchemaMigrator.Migration m : migrations) {
      String released = RELEASED.get(m.file());
      if (released != null) {
        assertEquals(
            released,
            m.checksum(),
            m.file() + " was changed: migrations are append-only, add a new one instead");
      }
    }
    assertTrue(
        migrations.stream()
            .map(SchemaMigrator.Migration::file)
            .toList()
            .containsAll(RELEASED.keySet()),
        "a released migration disappeared from index.txt");
  }

  @Test
  void checksumsAreStableAcrossLoadsAndLineEndingConversions() throws Exception {
    SchemaMigrator.Migration v1 = new SchemaMigrator(REAL).migrations().get(0);
    assertEquals(v1, new SchemaMigrator(REAL).migrations().get(0));
    assertTrue(v1.checksum().matches("[0-9a-f]{64}"), v1.checksum());

    // A checkout with Windows line ends (git autocrlf) must not look like a changed migration.
    byte[] crlf;
    try (InputStream in = REAL.getResourceAsStream("db/migration/" + v1.file())) {
      crlf =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .replace("\n", "\r\n")
              .getBytes(StandardCharsets.UTF_8);
    }
    SchemaMigrator.Migration converted =
        new SchemaMigrator(
                serving(Map.of("index.txt", "V1__tenancy_and_tracking.sql\r\n"), v1.file(), crlf))
            .migrations()
            .get(0);
    assertEquals(v1.checksum(), converted.checksum());
  }

  @Test
  void anyEditChangesTheChecksum() {
    SchemaMigrator.Migration v1 = new SchemaMigrator(REAL).migrations().get(0);
    byte[] edited = (v1.sql() + "-- harmless comment\n").getBytes(StandardCharsets.UTF_8);
    SchemaMigrator.Migration changed =
        new SchemaMigrator(serving(Map.of("index.txt", v1.file() + "\n"), v1.file(), edited))
            .migrations()
            .get(0);
    assertFalse(v1.checksum().equals(changed.checksum()));
  }

  @Test
  void indexCommentsAndBlankLinesAreSkippedAndMissingFilesFail() {
    SchemaMigrator migrator =
        new SchemaMigrator(
            serving(
                Map.of("index.txt", "# the list\n\n  V2__more.sql  \n"),
                "V2__more.sql",
                "CREATE TABLE t (id INT);\n".getBytes(StandardCharsets.UTF_8)));
    List<SchemaMigrator.Migration> migrations = migrator.migrations();
    assertEquals(1, migrations.size());
    assertEquals(2, migrations.get(0).version());
    assertEquals("V2__more.sql", migrations.get(0).file());

    SchemaMigrator broken =
        new SchemaMigrator(serving(Map.of("index.txt", "V3__gone.sql\n"), "x", new byte[0]));
    IllegalStateException e = assertThrows(IllegalStateException.class, broken::migrations);
    assertTrue(e.getMessage().contains("V3__gone.sql"), e.getMessage());
  }

  /** A class loader that serves the given migration resources and nothing else. */
  private static ClassLoader serving(Map<String, String> texts, String file, byte[] content) {
    return new ClassLoader(null) {
      @Override
      public InputStream getResourceAsStream(String name) {
        if (name.equals("db/migration/" + file)) {
          return new ByteArrayInputStream(content);
        }
        for (Map.Entry<String, String> e : texts.entrySet()) {
          if (name.equals("db/migration/" + e.getKey())) {
            return new ByteArrayInputStream(e.getValue().getBytes(StandardCharsets.UTF_8));
          }
        }
        return null;
      }
    };
  }
}
