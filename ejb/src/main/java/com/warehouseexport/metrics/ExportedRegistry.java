package com.warehouseexport.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Field;
import java.util.logging.Logger;

/**
 * Where the application's meters go. WildFly injects a per-deployment {@code MeterRegistry}
 * (WildFly 39: {@code ApplicationRegistry}) that forwards only its shortcut methods ({@code
 * counter(name, tags)}, {@code timer(name, tags)}, {@code gauge(…)}) to the server's registries;
 * meters built with {@code Counter.builder(…).register(…)} stay inside it and never reach {@code
 * /metrics}, and timers made through the shortcuts carry no histogram buckets. So the meters are
 * registered on the server's composite registry behind it (field {@code parentRegistry}) when that
 * can be reached, and through the shortcuts (no descriptions, no buckets) otherwise.
 */
final class ExportedRegistry {

  private static final Logger LOG = Logger.getLogger(ExportedRegistry.class.getName());

  private ExportedRegistry() {}

  /** The server's registry behind WildFly's deployment registry, or null if it cannot be had. */
  static MeterRegistry serverRegistry(MeterRegistry injected) {
    for (Class<?> c = injected.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        Field field = c.getDeclaredField("parentRegistry");
        field.setAccessible(true);
        if (field.get(injected) instanceof MeterRegistry parent) {
          return parent;
        }
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (ReflectiveOperationException | RuntimeException e) {
        break;
      }
    }
    LOG.warning(
        "The server's meter registry is not reachable from "
            + injected.getClass().getName()
            + ": application meters are registered through the deployment registry's shortcuts"
            + " (no descriptions, no histogram buckets)");
    return null;
  }
}
