package com.warehouseexport.it;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need more than JDK + Maven (a browser, PostgreSQL): on a developer's machine they are
 * skipped with a loud banner when it is missing; in CI ({@code CI=true}, set by {@code .ci/run})
 * they fail instead, so nothing is skipped silently there.
 */
public final class Prerequisites {

  private Prerequisites() {}

  /** Skips (or, with {@code CI=true}, fails) {@code test} unless {@code present}. */
  public static void require(boolean present, String test, String what) {
    if (present) {
      return;
    }
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    System.err.println(
        "\n*** "
            + test
            + (ci ? " FAILED" : " SKIPPED")
            + ": it needs "
            + what
            + (ci ? " (CI=true: prerequisites must be installed)" : ". .ci/run provides it.")
            + " ***\n");
    if (ci) {
      Assertions.fail(test + " needs " + what + "; with CI=true a missing prerequisite fails");
    }
    Assumptions.assumeTrue(false, test + " needs " + what);
  }

  /** The prerequisite of the multi-node tests. */
  public static void requirePostgres(String test) {
    require(
        Postgres.reachable(),
        test,
        "PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth; see the README)");
  }

  /**
   * The prerequisite of the tests of PostgreSQL itself (its faults): they run in the PostgreSQL
   * pass ({@code DB_DRIVER=postgresql}, as {@code .ci/run}'s second pass sets) and are skipped with
   * a message on H2 (also with {@code CI=true}: the PostgreSQL pass runs them there); in the
   * PostgreSQL pass a missing PostgreSQL fails under {@code CI=true} as for {@link
   * #requirePostgres}.
   */
  public static void requirePostgresRun(String test) {
    if (!"postgresql".equalsIgnoreCase(System.getenv("DB_DRIVER"))) {
      System.err.println(
          "\n*** "
              + test
              + " SKIPPED: it tests PostgreSQL faults and runs in the PostgreSQL pass"
              + " (DB_DRIVER=postgresql; .ci/run's second pass) ***\n");
      Assumptions.assumeTrue(false, test + " runs with DB_DRIVER=postgresql only");
    }
    requirePostgres(test);
  }
}
