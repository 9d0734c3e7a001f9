package com.warehouseexport.it.console;

import com.warehouseexport.it.Prerequisites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium driven by chromedriver: a fresh profile, downloads into a temporary
 * directory, screenshots into {@code target/screenshots}.
 */
final class ConsoleBrowser implements AutoCloseable {

  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Paths.get("target", "screenshots");
  static final Dimension WIDE = new Dimension(1366, 900);
  static final Dimension TABLET = new Dimension(768, 1024);
  private static final Dimension WIDE_SHOT = new Dimension(1366, 1250);
  private static final Dimension TABLET_SHOT = new Dimension(768, 1500);
  private static final Dimension PHONE_SHOT = new Dimension(390, 1600);

  final ChromeDriver driver;
  final Path downloads;
  private final Path profile;

  static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /**
   * A browser for one browser IT, after its prerequisites: Chromium with its driver, and axe-core
   * for the accessibility audits (installed by the build with {@code npm ci}). Missing ones skip
   * the test with a message on a developer machine and fail it under {@code CI=true} ({@link
   * Prerequisites#require}).
   */
  static ConsoleBrowser open(String test) {
    Prerequisites.require(
        installed(),
        test,
        "/usr/bin/chromium and /usr/bin/chromedriver (apt-get install -y chromium chromium-driver)");
    Prerequisites.require(
        Files.isRegularFile(Axe.scriptPath()),
        test,
        "axe-core at "
            + Axe.scriptPath().toAbsolutePath()
            + " (the build installs it with `npm ci` when npm is present: apt-get install -y npm,"
            + " then build again)");
    return new ConsoleBrowser();
  }

  ConsoleBrowser() {
    try {
      downloads = Files.createTempDirectory("console-it-downloads");
      profile = Files.createTempDirectory("console-it-profile");
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1366,900",
        "--user-data-dir=" + profile.toAbsolutePath());
    Map<String, Object> prefs = new HashMap<>();
    prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
    prefs.put("download.prompt_for_download", false);
    prefs.put("download.directory_upgrade", true);
    prefs.put("safebrowsing.enabled", false);
    options.setExperimentalOption("prefs", prefs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    driver.executeCdpCommand(
        "Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
  }

  /** Waits up to 30 s for the element to be visible. */
  WebElement waitFor(By by) {
    return waiting(Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** {@code path} under the deployment's base URL. */
  static String url(java.net.URL base, String path) {
    String b = base.toString();
    return (b.endsWith("/") ? b : b + "/") + path;
  }

  /**
   * Before each test: the browser signed out (no cookies of the deployment) on a neutral page of
   * the deployment, in a {@link #WIDE} window. Returns the driver.
   */
  ChromeDriver signedOut(java.net.URL base) {
    driver.manage().window().setSize(WIDE);
    driver.get(url(base, "index.html"));
    driver.manage().deleteAllCookies();
    return driver;
  }

  /** Signs in through the console's form and waits for the signed-in page. */
  void signIn(java.net.URL base, String username, String password) {
    driver.get(url(base, "console/login.xhtml"));
    waitFor(By.id("login:username")).sendKeys(username);
    driver.findElement(By.id("login:password")).sendKeys(password);
    driver.findElement(By.id("login:signIn")).click();
    waitFor(By.id("signed-in-user"));
  }

  /** Signs the admin in through the console's form and waits for the signed-in page. */
  void signIn(java.net.URL base, Admin admin) {
    signIn(base, admin.username(), admin.password());
  }

  /**
   * Polls {@code condition} every 100 ms, without reloading, until it answers neither null nor
   * false, and returns that answer; fails after {@code timeout}. An element that the page's own
   * refresh replaced meanwhile (stale) or has not rendered yet counts as "not yet".
   */
  <T> T await(Duration timeout, Function<? super WebDriver, T> condition) {
    return await(timeout, Duration.ofMillis(100), () -> null, condition);
  }

  /**
   * {@link #await(Duration, Function)} polling every {@code every}; a timeout names {@code what}
   * (evaluated then, so it can show the last state seen).
   */
  <T> T await(
      Duration timeout,
      Duration every,
      Supplier<String> what,
      Function<? super WebDriver, T> condition) {
    return new WebDriverWait(driver, timeout, every)
        .withMessage(what)
        .ignoring(StaleElementReferenceException.class)
        .ignoring(NoSuchElementException.class)
        .until(condition);
  }

  /** Waits, without reloading (the page refreshes itself), until the element reads {@code text}. */
  void awaitText(By by, String text, Duration timeout) {
    await(
        timeout,
        Duration.ofMillis(100),
        () -> by + " reads " + text,
        d -> text.equals(d.findElement(by).getText().strip()));
  }

  /** Waits, without reloading, until {@code attribute} of the element is {@code value}. */
  void awaitAttribute(By by, String attribute, String value, Duration timeout) {
    await(
        timeout,
        Duration.ofMillis(100),
        () -> by + " has " + attribute + "=" + value,
        d -> value.equals(d.findElement(by).getAttribute(attribute)));
  }

  /**
   * Waits up to 40 s for a shown message of {@code severity} ({@code info}, {@code error} …) in the
   * messages of form {@code form} that contains {@code containing}; returns it.
   */
  WebElement awaitMessage(String form, String severity, String containing) {
    return await(
        Duration.ofSeconds(40),
        Duration.ofMillis(100),
        () -> "a " + severity + " message of " + form + " containing " + containing,
        d -> {
          for (WebElement m :
              d.findElements(By.cssSelector("#" + form + "\\:messages ." + severity))) {
            if (m.isDisplayed() && m.getText().contains(containing)) {
              return m;
            }
          }
          return null;
        });
  }

  /**
   * Marks the page now shown with a script variable; {@link #assertNotReloaded} checks the mark is
   * still there, i.e. the page changed by itself, not by a reload. Returns the mark.
   */
  String markPage() {
    String marker = "marker-" + System.nanoTime();
    driver.executeScript("window.consoleItMarker = arguments[0];", marker);
    return marker;
  }

  /** The page marked by {@link #markPage} was not reloaded since. */
  void assertNotReloaded(String marker, String message) {
    org.junit.jupiter.api.Assertions.assertEquals(
        marker, driver.executeScript("return window.consoleItMarker;"), message);
  }

  /**
   * A page that refreshes itself while something runs (PRODUCT.md §12) has stopped: no Faces Ajax
   * request starts within the next 7 s.
   */
  void assertNoMoreRefreshRequests(String message) {
    driver.executeScript(
        "window.consoleItRequests = 0; faces.ajax.addOnEvent(function (data) {"
            + " if (data.status === 'begin') { window.consoleItRequests++; } });");
    try {
      Thread.sleep(7_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    org.junit.jupiter.api.Assertions.assertEquals(
        0L,
        ((Number) driver.executeScript("return window.consoleItRequests;")).longValue(),
        message);
  }

  /** Clears the field (waiting for it to be visible) and types {@code text}. */
  void type(By by, String text) {
    WebElement field = waitFor(by);
    field.clear();
    field.sendKeys(text);
  }

  /** Whether at least one element matches, now (no waiting). */
  boolean present(By by) {
    return !driver.findElements(by).isEmpty();
  }

  /** The element's text, stripped. */
  String text(By by) {
    return driver.findElement(by).getText().strip();
  }

  /**
   * Audits the current page with axe-core: fails on any serious or critical accessibility violation
   * (see {@link Axe}).
   */
  void audit(String pageName) {
    Axe.audit(driver, pageName);
    layout(pageName);
  }

  /** The widths of the layout audit: a small laptop and a phone. */
  static final List<Integer> AUDIT_WIDTHS = List.of(1280, 390);

  /**
   * The layout audit ({@link LayoutAudit}) of the page now shown at each of {@link #AUDIT_WIDTHS};
   * the window gets its size back afterwards.
   */
  void layout(String pageName) {
    Dimension before = driver.manage().window().getSize();
    try {
      for (int width : AUDIT_WIDTHS) {
        viewportWidth(width);
        LayoutAudit.audit(driver, pageName, width);
      }
    } finally {
      driver.manage().window().setSize(before);
    }
  }

  /** Sizes the window so that the page's viewport is {@code width} CSS pixels wide. */
  void viewportWidth(int width) {
    int height = driver.manage().window().getSize().getHeight();
    driver.manage().window().setSize(new Dimension(width, height));
    int inner = settledInnerWidth(width);
    if (inner != width) {
      // the window's frame, if any, takes the difference
      driver.manage().window().setSize(new Dimension(Math.max(width, 2 * width - inner), height));
      settledInnerWidth(width);
    }
  }

  /** The page's window.innerWidth once the last resize has reached it (near {@code width}). */
  private int settledInnerWidth(int width) {
    return waiting(Duration.ofSeconds(5))
        .until(
            d -> {
              int inner = ((Number) driver.executeScript("return window.innerWidth;")).intValue();
              return Math.abs(inner - width) <= 40 ? inner : null;
            });
  }

  /**
   * Addresses that survive (PRODUCT.md §12), checked after a button press: the address bar still
   * holds {@code expectedQuery} (e.g. {@code env=12}), and opening that address again, as a
   * bookmark or a copied link would, shows the same page — the same heading and, on environment
   * pages, the same environment — not "Not found". Leaves the browser on the reopened page.
   */
  void assertAddressSurvives(String expectedQuery) {
    String address = driver.getCurrentUrl();
    org.junit.jupiter.api.Assertions.assertTrue(
        address.contains("?" + expectedQuery) || address.contains("&" + expectedQuery),
        "after the action the address still names " + expectedQuery + ": " + address);
    String heading = waitFor(By.cssSelector("main h1")).getText();
    List<WebElement> environment = driver.findElements(By.id("environment-name"));
    String environmentName = environment.isEmpty() ? null : environment.get(0).getText();
    driver.get(address);
    org.junit.jupiter.api.Assertions.assertEquals(
        heading, waitFor(By.cssSelector("main h1")).getText(), "reopened " + address);
    if (environmentName != null) {
      org.junit.jupiter.api.Assertions.assertEquals(
          environmentName,
          driver.findElement(By.id("environment-name")).getText(),
          "reopened " + address);
    }
  }

  /**
   * Waits until {@code element} has left the page (the press it followed re-rendered or replaced
   * it). Selenium's {@code stalenessOf} asks the old element whether it is enabled; Chrome 156 may
   * answer that while the page is being replaced with "Node with given id does not belong to the
   * document" instead of a stale reference — the same fact, so it counts as gone.
   */
  void awaitGone(WebElement element, Duration timeout) {
    waiting(timeout)
        .until(
            d -> {
              try {
                element.isEnabled();
                return false;
              } catch (StaleElementReferenceException e) {
                return true;
              } catch (org.openqa.selenium.WebDriverException e) {
                String m = e.getMessage();
                if (m != null && m.contains("does not belong to the document")) {
                  return true;
                }
                throw e;
              }
            });
  }

  WebDriverWait waiting(Duration timeout) {
    return new WebDriverWait(driver, timeout, Duration.ofMillis(100));
  }

  /**
   * Saves the current page at three widths (tall windows, to show most of the page): {@code
   * <name>-1366.png}, {@code <name>-768.png} and {@code <name>-390.png}.
   */
  void screenshots(String name) {
    try {
      driver.manage().window().setSize(WIDE_SHOT);
      Thread.sleep(150);
      save(name + "-1366");
      driver.manage().window().setSize(TABLET_SHOT);
      Thread.sleep(150);
      save(name + "-768");
      driver.manage().window().setSize(PHONE_SHOT);
      Thread.sleep(150);
      save(name + "-390");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      driver.manage().window().setSize(WIDE);
    }
  }

  private void save(String file) {
    Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
    try {
      Files.copy(shot, SCREENSHOTS.resolve(file + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The finished downloads (Chrome writes {@code .crdownload} files until a file is complete). */
  List<Path> finishedDownloads() {
    try (Stream<Path> files = Files.list(downloads)) {
      return files
          .filter(
              p -> {
                String name = p.getFileName().toString();
                // finished files only (Chromium writes *.crdownload until done)
                return name.endsWith(".csv")
                    || name.endsWith(".csv.gz")
                    || name.endsWith(".parquet");
              })
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    for (Path dir : List.of(downloads, profile)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // temporary files
      }
    }
  }
}
