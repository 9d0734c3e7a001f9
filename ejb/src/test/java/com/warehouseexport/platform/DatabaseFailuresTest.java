package com.warehouseexport.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

  @Test
  void connectionFailuresAreUnavailableAndBugsAreNot() {
    assertTrue(
        DatabaseFailures.isUnavailable(
            new IllegalStateException(
                "Cannot read export claims",
                new SQLException("This connection has been closed.", "08003"))));
    assertTrue(
        DatabaseFailures.isUnavailable(
            new RuntimeException(
                new SQLException("terminating connection due to administrator command", "57P01"))));
    assertTrue(
        DatabaseFailures.isUnavailable(
            new IllegalStateException(
                "Cannot read export claims: jakarta.resource.ResourceException: IJ000453: Unable to"
                    + " get managed connection for java:jboss/datasources/AppDS")));
    assertFalse(DatabaseFailures.isUnavailable(new SQLException("duplicate key value", "23505")));
    assertFalse(DatabaseFailures.isUnavailable(new NullPointerException()));
    assertEquals(
        "SQLException: This connection has been closed.",
        DatabaseFailures.describe(
            new RuntimeException(new SQLException("This connection has been closed.", "08003"))));
  }
}
