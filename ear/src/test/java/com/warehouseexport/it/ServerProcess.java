package com.warehouseexport.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The provisioned WildFly ({@code jboss.home}) with the application, launched by {@code
 * bin/standalone.sh} as a separate process tree from a private copy of its base directory, so a
 * test can start several servers side by side, SIGKILL one mid-export and start it again.
 *
 * <p>Layout under {@code <ear/target>/<name>/}: {@code base/} (the server base dir: a copy of
 * {@code standalone/configuration}, {@code deployments/} with the EAR, {@code log/}, {@code data/},
 * {@code tmp/}) and {@code console.log} (stdout/stderr of every start, appended). The application
 * data directory ({@code warehouse.data.dir}: H2 database, exported files, master keys) is chosen
 * by the caller so it can survive a restart.
 *
 * <pre>
 * try (ServerProcess server = new ServerProcess("crash-a", "crash-a", 600, dataDir)) {
 *   server.start();
 *   Api api = new Api(server.url());
 *   server.kill();   // SIGKILL of standalone.sh and its java child
 *   server.start();  // same base dir, same node name, same data
 * }
 * </pre>
 */
public final class ServerProcess implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ServerProcess.class.getName());
  private static final String EAR = "warehouse-export.ear";
  private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(240);

  private final String name;
  private final String node;
  private final int portOffset;
  private final Path dataDir;
  private final Path home;
  private final Path earFile;
  private final Path dir;
  private final Path base;
  private final Map<String, String> env = new LinkedHashMap<>();
  private final Map<String, String> properties = new LinkedHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;
  private boolean prepared;
  private boolean hookInstalled;
  private int starts;

  /**
   * @param name directory name under the build directory (unique per server of a test)
   * @param node {@code jboss.node.name}
   * @param portOffset {@code jboss.socket.binding.port-offset} (HTTP 8080 + offset)
   * @param dataDir {@code warehouse.data.dir}
   */
  public ServerProcess(String name, String node, int portOffset, Path dataDir) {
    this.name = name;
    this.node = node;
    this.portOffset = portOffset;
    this.dataDir = dataDir.toAbsolutePath();
    this.home = Path.of(requiredProperty("jboss.home")).toAbsolutePath();
    this.earFile = Path.of(requiredProperty("ear.file")).toAbsolutePath();
    this.dir = earFile.getParent().resolve(name);
    this.base = dir.resolve("base");
    properties.put("warehouse.bootstrap.operator", Api.OPERATOR);
    properties.put("warehouse.bootstrap.operator-password", Api.OPERATOR_PASSWORD);
    properties.put("warehouse.faultInjection", "true");
    properties.put("warehouse.s3.endpoint-allowlist", "127.0.0.1/32");
    // As the Arquillian server (arquillian.xml): yesterday is due from 00:00 UTC.
    properties.put("warehouse.export.grace", "PT0S");
    env.put("JBOSS_JAVA_SIZING", "-Xms64m -Xmx768m");
  }

  /** Sets an environment variable of the server process (e.g. DB_URL). */
  public ServerProcess env(String key, String value) {
    env.put(key, value);
    return this;
  }

  /** The environment variable set for the server process, or null. */
  public String envValue(String key) {
    return env.get(key);
  }

  /** Sets a system property of the server ({@code -Dkey=value}). */
  public ServerProcess property(String key, String value) {
    properties.put(key, value);
    return this;
  }

  public String node() {
    return node;
  }

  public int httpPort() {
    return 8080 + portOffset;
  }

  public URL url() {
    try {
      return URI.create("http://127.0.0.1:" + httpPort() + "/").toURL();
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path baseDir() {
    return base;
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Starts the server and waits (at most 4 minutes) until the application is deployed. */
  public void start() throws IOException {
    start(DEFAULT_START_TIMEOUT);
  }

  public synchronized void start(Duration timeout) throws IOException {
    if (isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    prepare();
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/standalone.sh").toString());
    command.add("-Djboss.server.base.dir=" + base);
    command.add("-Djboss.socket.binding.port-offset=" + portOffset);
    command.add("-Djboss.node.name=" + node);
    command.add("-Dwarehouse.data.dir=" + dataDir);
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> environment = builder.environment();
    // Nothing inherited may point the server at another database, key ring, timer partition or
    // export store.
    for (String key :
        List.of(
            "DB_DRIVER",
            "DB_URL",
            "DB_USER",
            "DB_PASSWORD",
            "TIMER_PARTITION",
            "TIMER_REFRESH_MILLIS",
            "WAREHOUSE_MASTER_KEYS",
            "EXPORT_STORE_URL",
            "EXPORT_STORE_ACCESS_KEY_ID",
            "EXPORT_STORE_SECRET_ACCESS_KEY",
            "JAVA_OPTS",
            "JBOSS_HOME",
            "LAUNCH_JBOSS_IN_BACKGROUND")) {
      environment.remove(key);
    }
    environment.put("JBOSS_HOME", home.toString());
    environment.putAll(env);
    Path console = dir.resolve("console.log");
    Files.writeString(
        console,
        "\n===== start " + (++starts) + " of " + name + ": " + command + "\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
    long t0 = System.nanoTime();
    process = builder.start();
    if (!hookInstalled) {
      // Should the test JVM end without close() (e.g. a fork timeout), leave no server behind.
      Runtime.getRuntime().addShutdownHook(new Thread(this::killIfAlive, name + "-killer"));
      hookInstalled = true;
    }
    try {
      awaitDeployed(timeout);
    } catch (IOException | RuntimeException e) {
      kill();
      throw e;
    }
    LOG.info(
        () ->
            name
                + " (node "
                + node
                + ") ready on "
                + url()
                + " in "
                + Duration.ofNanos(System.nanoTime() - t0).toMillis()
                + " ms");
  }

  /** SIGKILL of the whole process tree (standalone.sh and its java child): a crash. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    List<ProcessHandle> tree = new ArrayList<>();
    process.toHandle().descendants().forEach(tree::add);
    tree.add(process.toHandle());
    // The java child first, so the script cannot react (it restarts the server on exit code 10).
    tree.forEach(ProcessHandle::destroyForcibly);
    awaitExit(tree, Duration.ofSeconds(30));
    LOG.info(() -> name + " killed (" + tree.size() + " processes)");
  }

  private void killIfAlive() {
    Process p = process;
    if (p != null && p.isAlive()) {
      p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  /** Graceful stop (SIGTERM to the server JVM, which shuts down cleanly); kills after 60 s. */
  public synchronized void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    List<ProcessHandle> tree = new ArrayList<>();
    process.toHandle().descendants().forEach(tree::add);
    tree.add(process.toHandle());
    List<ProcessHandle> jvms =
        tree.stream()
            .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
            .toList();
    (jvms.isEmpty() ? List.of(process.toHandle()) : jvms).forEach(ProcessHandle::destroy);
    if (!awaitExit(tree, Duration.ofSeconds(60))) {
      LOG.warning(name + " did not stop within 60 s: killing it");
      kill();
    }
  }

  /**
   * A server named {@code node} (also its node name) whose data directory {@code
   * <target>/<dataName>} starts empty.
   */
  public static ServerProcess fresh(String node, int portOffset, Path target, String dataName)
      throws IOException {
    Path data = target.resolve(dataName);
    deleteRecursively(data);
    Files.createDirectories(data);
    return new ServerProcess(node, node, portOffset, data);
  }

  /**
   * Points the server at a shared PostgreSQL database, as the nodes of one installation are: the
   * same database, EJB timer partition and master key ring.
   */
  public ServerProcess onPostgres(
      String jdbc, String user, String password, String timerPartition, String keyRing) {
    return env("DB_DRIVER", "postgresql")
        .env("DB_URL", jdbc)
        .env("DB_USER", user)
        .env("DB_PASSWORD", password)
        .env("TIMER_PARTITION", timerPartition)
        .env("WAREHOUSE_MASTER_KEYS", keyRing);
  }

  /** Stops the given servers (nulls skipped) in parallel, at most two minutes each. */
  public static void closeAll(ServerProcess... servers) throws Exception {
    java.util.concurrent.ExecutorService stopper =
        java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, servers.length));
    try {
      List<java.util.concurrent.Future<?>> stops = new ArrayList<>();
      for (ServerProcess server : servers) {
        if (server != null) {
          stops.add(stopper.submit(server::close));
        }
      }
      for (java.util.concurrent.Future<?> f : stops) {
        f.get(2, java.util.concurrent.TimeUnit.MINUTES);
      }
    } finally {
      stopper.shutdownNow();
    }
  }

  /** Stops the server (gracefully, else by force). */
  @Override
  public void close() {
    stop();
  }

  /** The last {@code chars} characters of server.log (for failure messages). */
  public String logTail(int chars) {
    Path log = base.resolve("log/server.log");
    try {
      String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      if (text.isEmpty()) {
        Path console = dir.resolve("console.log");
        text = Files.exists(console) ? Files.readString(console, StandardCharsets.UTF_8) : "";
      }
      return text.length() <= chars ? text : text.substring(text.length() - chars);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /**
   * The stacks of the server JVM's threads that are in application code ({@code
   * com.warehouseexport}), from {@code jcmd Thread.print} (for failure messages: what a tick or a
   * start is waiting on). The whole dump is kept next to the console log.
   */
  public String applicationThreads() {
    String dump = threadDump();
    if (dump.startsWith("(")) {
      return dump;
    }
    try {
      Files.writeString(dir.resolve("thread-dump-" + System.currentTimeMillis() + ".txt"), dump);
    } catch (IOException e) {
      // the summary below is what matters
    }
    StringBuilder app = new StringBuilder("application threads of " + name + ":\n");
    for (String thread : dump.split("\n\n")) {
      if (thread.contains("com.warehouseexport")) {
        app.append(thread).append("\n\n");
      }
    }
    return app.toString();
  }

  /** How many of the server JVM's threads have {@code frame} on their stack now; -1 if unknown. */
  public int threadsIn(String frame) {
    String dump = threadDump();
    if (dump.startsWith("(")) {
      return -1;
    }
    int n = 0;
    for (String thread : dump.split("\n\n")) {
      if (thread.contains(frame)) {
        n++;
      }
    }
    return n;
  }

  /** {@code jcmd <server JVM> Thread.print}, or a parenthesised reason why there is none. */
  private String threadDump() {
    Process p = process;
    if (p == null || !p.isAlive()) {
      return "(server not running)";
    }
    Optional<ProcessHandle> jvm =
        p.toHandle()
            .descendants()
            .filter(h -> h.info().command().map(c -> c.endsWith("java")).orElse(false))
            .findFirst();
    if (jvm.isEmpty()) {
      return "(no server JVM found)";
    }
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process dump =
          new ProcessBuilder(jcmd.toString(), Long.toString(jvm.get().pid()), "Thread.print")
              .redirectErrorStream(true)
              .start();
      String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      dump.waitFor(30, TimeUnit.SECONDS);
      return text;
    } catch (IOException e) {
      return "(no thread dump: " + e + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(no thread dump: interrupted)";
    }
  }

  /** The whole server.log of the current base dir (all starts). */
  public String log() {
    try {
      Path log = base.resolve("log/server.log");
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * First start: a fresh private base dir. Later starts: same dir, stale deployment markers gone.
   */
  private void prepare() throws IOException {
    if (!prepared) {
      deleteRecursively(dir);
      Files.createDirectories(base);
      copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
      Files.createDirectories(base.resolve("deployments"));
      Files.copy(earFile, base.resolve("deployments").resolve(EAR));
      prepared = true;
    }
    // A killed server leaves warehouse-export.ear.deployed (or .isdeploying) behind: readiness
    // must be judged by the marker this start writes.
    try (Stream<Path> files = Files.list(base.resolve("deployments"))) {
      for (Path f : files.toList()) {
        if (!f.getFileName().toString().equals(EAR)) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  private void awaitDeployed(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Path deployments = base.resolve("deployments");
    Path deployed = deployments.resolve(EAR + ".deployed");
    Path failed = deployments.resolve(EAR + ".failed");
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            name + " exited with " + process.exitValue() + " during start:\n" + logTail(6000));
      }
      if (Files.exists(failed)) {
        throw new IOException(
            name
                + " failed to deploy the application: "
                + Files.readString(failed)
                + "\n"
                + logTail(6000));
      }
      if (Files.exists(deployed) && httpReady()) {
        return;
      }
      sleep(250);
    }
    throw new IOException(
        name + " was not ready within " + timeout.toSeconds() + " s:\n" + logTail(6000));
  }

  private boolean httpReady() {
    try {
      HttpResponse<Void> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url() + "api/v1/system"))
                  .timeout(Duration.ofSeconds(5))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 401 || r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
    CompletableFuture<?>[] exits =
        processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return processes.stream().noneMatch(ProcessHandle::isAlive);
    } catch (java.util.concurrent.ExecutionException e) {
      return processes.stream().noneMatch(ProcessHandle::isAlive);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String requiredProperty(String key) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank() || value.startsWith("${")) {
      throw new IllegalStateException(
          "System property " + key + " is not set (run through Maven: mvn verify -pl ear)");
    }
    return value;
  }
}
