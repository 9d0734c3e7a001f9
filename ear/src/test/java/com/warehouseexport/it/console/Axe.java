package com.warehouseexport.it.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The accessibility audit of the console's browser tests: axe-core (from npm, installed by {@code
 * ear/pom.xml} into {@code target/axe}) is injected into the current page and run; any violation of
 * impact serious or critical fails the test with its rule, help text and the offending elements.
 */
final class Axe {

  /** The impacts that fail a test; minor and moderate findings are not reported. */
  static final Set<String> FAILING = Set.of("serious", "critical");

  private static final int TARGETS_SHOWN = 5;
  private static final int HTML_SHOWN = 200;
  private static volatile String script;

  private Axe() {}

  /**
   * {@code axe.min.js}: the {@code axe.script} system property (failsafe sets it) or the default.
   */
  static Path scriptPath() {
    return Paths.get(
        System.getProperty("axe.script", "target/axe/node_modules/axe-core/axe.min.js"));
  }

  private static String script() {
    String s = script;
    if (s == null) {
      Path path = scriptPath();
      if (!Files.isRegularFile(path)) {
        throw new AssertionError(
            "axe-core is missing at "
                + path.toAbsolutePath()
                + ": the build installs it with `npm ci` (ear/src/test/axe) before the ITs;"
                + " install Node.js and npm (e.g. apt-get install -y npm) and build again");
      }
      try {
        s = Files.readString(path, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      script = s;
    }
    return s;
  }

  /**
   * Audits the page now shown in {@code driver}; throws an {@link AssertionError} naming every
   * serious or critical violation.
   */
  static void audit(WebDriver driver, String pageName) {
    List<String> failures = violations(driver, FAILING);
    if (!failures.isEmpty()) {
      throw new AssertionError(
          "axe-core: "
              + failures.size()
              + " serious/critical accessibility violation(s) on "
              + pageName
              + " ("
              + driver.getCurrentUrl()
              + "):\n"
              + String.join("\n", failures));
    }
  }

  /** The violations of the given impacts on the current page, one readable entry each. */
  @SuppressWarnings("unchecked")
  static List<String> violations(WebDriver driver, Set<String> impacts) {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object';"))) {
      js.executeScript(script());
    }
    Object answer =
        js.executeAsyncScript(
            "var done = arguments[arguments.length - 1];"
                + "window.axe.run(document, {resultTypes: ['violations']})"
                + ".then(function (r) { done({violations: r.violations}); })"
                + ".catch(function (e) { done({error: String(e && e.stack || e)}); });");
    Map<String, Object> result = (Map<String, Object>) answer;
    if (result.get("error") != null) {
      throw new AssertionError("axe-core did not run: " + result.get("error"));
    }
    List<String> failures = new ArrayList<>();
    for (Object v : (List<Object>) result.get("violations")) {
      Map<String, Object> violation = (Map<String, Object>) v;
      String impact = String.valueOf(violation.get("impact"));
      if (!impacts.contains(impact)) {
        continue;
      }
      List<Object> nodes = (List<Object>) violation.get("nodes");
      StringBuilder entry =
          new StringBuilder()
              .append("- [")
              .append(impact)
              .append("] ")
              .append(violation.get("id"))
              .append(": ")
              .append(violation.get("help"))
              .append(" (")
              .append(nodes.size())
              .append(" element(s))");
      for (Object n : nodes.subList(0, Math.min(TARGETS_SHOWN, nodes.size()))) {
        Map<String, Object> node = (Map<String, Object>) n;
        String html = String.valueOf(node.get("html")).replaceAll("\\s+", " ");
        if (html.length() > HTML_SHOWN) {
          html = html.substring(0, HTML_SHOWN) + "…";
        }
        entry.append("\n    ").append(node.get("target")).append("  ").append(html);
        Object summary = node.get("failureSummary");
        if (summary != null) {
          entry
              .append("\n      ")
              .append(String.valueOf(summary).replace("\n", " ").replaceAll("\\s+", " "));
        }
      }
      failures.add(entry.toString());
    }
    return failures;
  }
}
