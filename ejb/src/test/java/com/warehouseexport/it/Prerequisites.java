package com.warehouseexport.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one way a test of this project is skipped. Tests that need more than JDK + Maven (a browser,
 * PostgreSQL, Linux {@code /proc}) call {@link #require}: on a developer's machine they are skipped
 * with a loud banner when it is missing; in CI ({@code CI=true}, set by {@code .ci/run}) they fail
 * instead, so nothing is skipped silently there. Tests that belong to one database phase of {@code
 * .ci/run} call {@link #onlyOnDatabase}. Unit tests (ejb) and integration tests (ear, through this
 * module's test-jar) share it.
 */
public final class Prerequisites {

  private Prerequisites() {}

  /** True when running under CI ({@code CI=true}): a missing prerequisite fails there. */
  public static boolean ci() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Skips (or, with {@code CI=true}, fails) {@code test} unless {@code present}. */
  public static void require(boolean present, String test, String what) {
    if (present) {
      return;
    }
    boolean ci = ci();
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

  /** The prerequisite of the multi-node tests and the PostgreSQL unit tests. */
  public static void requirePostgres(String test) {
    require(
        postgresReachable(),
        test,
        "PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth; see docs/testing.md)");
  }

  /**
   * A test that only means something on one of the two databases the suite runs on ({@code .ci/run}
   * runs it on H2, then on PostgreSQL): skipped, with a banner, in the other phase, which runs it.
   * Not a missing prerequisite, so not a failure under {@code CI=true} either.
   *
   * @param thisPhase whether the suite runs on the database the test needs
   * @param database the database it needs, for the banner
   */
  public static void onlyOnDatabase(boolean thisPhase, String test, String database) {
    if (thisPhase) {
      return;
    }
    System.err.println(
        "\n*** "
            + test
            + " SKIPPED in this phase: it runs when the suite runs on "
            + database
            + " (.ci/run runs both) ***\n");
    Assumptions.assumeTrue(false, test + " runs on " + database + " only");
  }

  /** Whether PostgreSQL answers on 127.0.0.1:5432. */
  public static boolean postgresReachable() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", 5432), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
