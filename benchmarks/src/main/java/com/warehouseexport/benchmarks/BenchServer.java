package com.warehouseexport.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Runs the provisioned WildFly (from the ear module) as a child process for the benchmark: a
 * private copy of {@code standalone/configuration} and {@code deployments} (so the management user
 * it adds never touches the build's server), the EAR dropped into the deployment scanner's folder,
 * a port offset, a fixed heap and the bootstrap operator.
 */
final class BenchServer implements AutoCloseable {

  /** More JVM options for the servers, e.g. a GC setting under study ({@code bench.server.jvm}). */
  static final String EXTRA_JVM_OPTIONS = System.getProperty("bench.server.jvm", "");

  private static final Logger LOG = Logger.getLogger(BenchServer.class.getName());
  static final String MANAGEMENT_USER = "bench";

  private final Process process;
  private final Path baseDir;
  private final ManagementClient management;
  private final int httpPort;

  private BenchServer(Process process, Path baseDir, ManagementClient management, int httpPort) {
    this.process = process;
    this.baseDir = baseDir;
    this.management = management;
    this.httpPort = httpPort;
  }

  ManagementClient management() {
    return management;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  /**
   * Starts the server and waits until the EAR is deployed.
   *
   * @param database environment for the datasource (DB_DRIVER, DB_URL, …); empty for H2
   */
  static BenchServer start(
      BenchConfig config, Map<String, String> database, String operator, String operatorPassword)
      throws Exception {
    return start(
        config,
        database,
        operator,
        operatorPassword,
        new Node("server-base", "data", config.portOffset(), null, Map.of(), ALLOW_LOCAL_S3));
  }

  /**
   * Lets the server export to the benchmark's own S3 endpoint on 127.0.0.1 (midnight) and into a
   * table of the local PostgreSQL without TLS (pgdest).
   */
  static final Map<String, String> ALLOW_LOCAL_S3 =
      Map.of(
          "warehouse.s3.endpoint-allowlist",
          "127.0.0.1/32",
          "warehouse.postgres.tls-disable-allowlist",
          "127.0.0.1/32");

  /** The server's JVM (a child of standalone.sh), e.g. for jcmd; null if not found. */
  Long serverPid() {
    return process
        .descendants()
        .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
        .map(ProcessHandle::pid)
        .findFirst()
        .orElse(null);
  }

  /**
   * One server of possibly several: its directories under the work dir, port offset, {@code
   * jboss.node.name} (null: WildFly's default), extra environment and system properties.
   */
  record Node(
      String baseDir,
      String dataDir,
      int portOffset,
      String name,
      Map<String, String> env,
      Map<String, String> properties) {}

  static BenchServer start(
      BenchConfig config,
      Map<String, String> database,
      String operator,
      String operatorPassword,
      Node node)
      throws Exception {
    Path jbossHome = config.jbossHome();
    if (!Files.isExecutable(jbossHome.resolve("bin/standalone.sh"))) {
      throw new IllegalStateException(
          "No provisioned server at " + jbossHome + ": build the ear module first");
    }
    int httpPort = 8080 + node.portOffset();
    int managementPort = 9990 + node.portOffset();
    for (int port : List.of(httpPort, managementPort)) {
      if (inUse(port)) {
        throw new IllegalStateException(
            "Port " + port + " is already in use: choose another -Dbench.port.offset");
      }
    }
    Path base = config.workDir().resolve(node.baseDir());
    deleteTree(base);
    copyTree(jbossHome.resolve("standalone/configuration"), base.resolve("configuration"));
    Files.createDirectories(base.resolve("deployments"));
    Files.copy(
        config.ear(),
        base.resolve("deployments/warehouse-export.ear"),
        StandardCopyOption.REPLACE_EXISTING);
    String managementPassword = "bench-" + Long.toHexString(System.nanoTime());
    Files.writeString(
        base.resolve("configuration/mgmt-users.properties"),
        "\n"
            + MANAGEMENT_USER
            + "="
            + md5Hex(MANAGEMENT_USER + ":ManagementRealm:" + managementPassword)
            + "\n",
        StandardOpenOption.APPEND);
    Path dataDir = config.workDir().resolve(node.dataDir());
    deleteTree(dataDir);
    Files.createDirectories(dataDir);

    ProcessBuilder builder =
        new ProcessBuilder(
            jbossHome.resolve("bin/standalone.sh").toString(),
            "-Djboss.server.base.dir=" + base,
            "-Djboss.socket.binding.port-offset=" + node.portOffset(),
            "-Dwarehouse.data.dir=" + dataDir,
            "-Dwarehouse.bootstrap.operator=" + operator,
            "-Dwarehouse.bootstrap.operator-password=" + operatorPassword);
    if (node.name() != null) {
      builder.command().add("-Djboss.node.name=" + node.name());
    }
    node.properties().forEach((k, v) -> builder.command().add("-D" + k + "=" + v));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("DB_"));
    env.putAll(database);
    env.putAll(node.env());
    env.put("JBOSS_HOME", jbossHome.toString());
    env.put(
        "JAVA_OPTS",
        "-Xms256m -Xmx"
            + config.serverHeap()
            + " -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=512m -Djava.net.preferIPv4Stack=true"
            + " -Djava.awt.headless=true -Djboss.modules.system.pkgs=org.jboss.byteman"
            + (EXTRA_JVM_OPTIONS.isBlank() ? "" : " " + EXTRA_JVM_OPTIONS));
    Path console =
        config
            .workDir()
            .resolve(
                node.name() == null
                    ? "server-console.log"
                    : "server-console-" + node.name() + ".log");
    builder.redirectErrorStream(true).redirectOutput(console.toFile());
    LOG.info(
        () ->
            "Starting WildFly "
                + jbossHome
                + " (HTTP "
                + httpPort
                + ", management "
                + managementPort
                + ", -Xmx"
                + config.serverHeap()
                + ", database "
                + config.db()
                + "); console: "
                + console);
    Process process = builder.start();
    BenchServer server =
        new BenchServer(
            process,
            base,
            new ManagementClient(managementPort, MANAGEMENT_USER, managementPassword),
            httpPort);
    Runtime.getRuntime().addShutdownHook(new Thread(server::kill));
    long started = System.nanoTime();
    server.awaitDeployment(Duration.ofMinutes(10));
    LOG.info(
        () ->
            String.format(
                "Server up and EAR deployed in %.1f s", (System.nanoTime() - started) / 1e9));
    return server;
  }

  private void awaitDeployment(Duration timeout) throws Exception {
    Path deployed = baseDir.resolve("deployments/warehouse-export.ear.deployed");
    Path failed = baseDir.resolve("deployments/warehouse-export.ear.failed");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.exists(deployed)) {
      if (Files.exists(failed)) {
        throw new IllegalStateException(
            "Deployment failed: " + Files.readString(failed) + " (see " + baseDir + "/log)");
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("The server exited with " + process.exitValue());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The EAR was not deployed within " + timeout);
      }
      Thread.sleep(500);
    }
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    try {
      management.shutdown();
      if (process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
        LOG.info("Server shut down");
        return;
      }
    } catch (IOException e) {
      LOG.warning("Graceful shutdown failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    kill();
  }

  /** Last resort (also the shutdown hook): ends the launcher script and the JVM it started. */
  private void kill() {
    if (process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static boolean inUse(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String md5Hex(String text) throws NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
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
}
