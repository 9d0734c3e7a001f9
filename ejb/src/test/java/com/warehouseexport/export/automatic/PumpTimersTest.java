package com.warehouseexport.export.automatic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.export.automatic.PumpTimers.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PumpTimersTest {

  @Test
  void atMostOneTimerOfEachKindWaitsHoweverOftenOneIsAskedFor() {
    List<Kind> created = new ArrayList<>();
    PumpTimers timers = new PumpTimers(created::add);
    for (int i = 0; i < 1_000; i++) { // a midnight's exports ending while the pump is held up
      timers.request(Kind.NOW);
      timers.request(Kind.POLL);
    }
    assertEquals(List.of(Kind.NOW, Kind.POLL), created);
    assertTrue(timers.waiting(Kind.NOW));
    assertTrue(timers.waiting(Kind.POLL));
  }

  @Test
  void aFiredTimerLetsTheNextRequestOfItsKindCreateOne() {
    List<Kind> created = new ArrayList<>();
    PumpTimers timers = new PumpTimers(created::add);
    assertTrue(timers.request(Kind.POLL));
    assertTrue(timers.request(Kind.NOW));
    timers.fired(Kind.NOW);
    assertFalse(timers.waiting(Kind.NOW));
    assertFalse(timers.request(Kind.POLL), "the poll timer still waits");
    assertTrue(timers.request(Kind.NOW));
    assertEquals(List.of(Kind.POLL, Kind.NOW, Kind.NOW), created);
  }

  @Test
  void aTimerThatCouldNotBeCreatedIsNotCountedAsWaiting() {
    boolean[] fail = {true};
    List<Kind> created = new ArrayList<>();
    PumpTimers timers =
        new PumpTimers(
            k -> {
              if (fail[0]) {
                throw new IllegalStateException("timer service unavailable");
              }
              created.add(k);
            });
    assertThrows(IllegalStateException.class, () -> timers.request(Kind.POLL));
    assertFalse(timers.waiting(Kind.POLL));
    fail[0] = false;
    assertTrue(timers.request(Kind.POLL));
    assertEquals(List.of(Kind.POLL), created);
  }

  @Test
  void concurrentRequestsCreateOneTimer() throws Exception {
    List<Kind> created = java.util.Collections.synchronizedList(new ArrayList<>());
    PumpTimers timers = new PumpTimers(created::add);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    try {
      for (int t = 0; t < 8; t++) {
        pool.execute(
            () -> {
              try {
                go.await();
              } catch (InterruptedException e) {
                return;
              }
              for (int i = 0; i < 10_000; i++) {
                timers.request(Kind.NOW);
              }
            });
      }
      go.countDown();
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    }
    assertEquals(List.of(Kind.NOW), created);
  }

  @Test
  void timerInfosAreRecognised() {
    for (Kind k : Kind.values()) {
      assertEquals(k, Kind.of(k.info()));
    }
    assertNull(Kind.of("automatic-export-node-tick"));
    assertTrue(Kind.NOW.delayMillis() < Kind.POLL.delayMillis());
  }
}
