package com.warehouseexport.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling for a condition with a deadline, for tests of things that happen in the background. */
final class Waits {

  private Waits() {}

  /** Waits until {@code condition} holds (checked every 500 ms) or fails naming {@code what}. */
  static void await(Duration timeout, BooleanSupplier condition, String what) {
    await(timeout, condition, what, () -> "");
  }

  /** As {@link #await(Duration, BooleanSupplier, String)}, adding {@code context} on failure. */
  static void await(
      Duration timeout, BooleanSupplier condition, String what, Supplier<String> context) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + timeout + " waiting for: " + what + "\n" + context.get());
      }
      ServerProcess.sleep(500);
    }
  }
}
