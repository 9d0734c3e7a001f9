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
}
