package com.warehouseexport.export.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A real s3proxy server (filesystem storage, AWS v2/v4 authentication) in a separate JVM on
 * 127.0.0.1, for tests. Self-contained: depends on nothing but the JDK, so it can be copied into
 * other modules.
 *
 * <p>The jar is taken from system property {@value #JAR_PROPERTY} (set by the build from the {@code
 * org.gaul:s3proxy:jar-with-dependencies} test dependency), else from the local Maven repository.
 *
 * <pre>
 * try (S3ProxyProcess s3 = S3ProxyProcess.start("AKIA...", "secret")) {
 *   s3.createBucket("exports");
 *   URI endpoint = s3.endpoint(); // http://127.0.0.1:&lt;port&gt;
 * }
 * </pre>
 */
public final class S3ProxyProcess implements AutoCloseable {

  /** System property naming the s3proxy jar-with-dependencies. */
  public static final String JAR_PROPERTY = "s3proxy.jar";

  /** The s3proxy version looked for in the local Maven repository when the property is unset. */
  public static final String VERSION = "4.1.0";

  private static final Logger LOG = Logger.getLogger(S3ProxyProcess.class.getName());
  private static final long START_TIMEOUT_MILLIS = 30_000;

  private final Process process;
  private final Path workDir;
  private final Path basedir;
  private final Path log;
  private final int port;

  private S3ProxyProcess(Process process, Path workDir, Path basedir, Path log, int port) {
    this.process = process;
    this.workDir = workDir;
    this.basedir = basedir;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts s3proxy on a free port of 127.0.0.1 and waits (at most 30 s) until it accepts
   * connections.
   *
   * @param identity the only access key ID it accepts
   * @param credential the matching secret
   */
  public static S3ProxyProcess start(String identity, String credential) throws IOException {
    Path workDir = Files.createTempDirectory("s3proxy-");
    return start(
        identity, credential, freePort(), Files.createDirectories(workDir.resolve("data")));
  }

  /** Starts s3proxy on a given port over an existing data directory (e.g. after a stop). */
  public static S3ProxyProcess start(String identity, String credential, int port, Path basedir)
      throws IOException {
    Path jar = locateJar();
    Path workDir = Files.createTempDirectory("s3proxy-");
    Path log = workDir.resolve("s3proxy.log");

    Properties p = new Properties();
    p.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
    p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
    p.setProperty("s3proxy.identity", identity);
    p.setProperty("s3proxy.credential", credential);
    p.setProperty("s3proxy.ignore-unknown-headers", "true");
    p.setProperty("jclouds.provider", "filesystem-nio2");
    p.setProperty("jclouds.filesystem.basedir", basedir.toString());
    Path properties = workDir.resolve("s3proxy.properties");
    try (var out = Files.newBufferedWriter(properties, StandardCharsets.UTF_8)) {
      p.store(out, "test s3proxy");
    }

    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx256m",
                    "-jar",
                    jar.toString(),
                    "--properties",
                    properties.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    S3ProxyProcess s3proxy = new S3ProxyProcess(process, workDir, basedir, log, port);
    try {
      s3proxy.awaitPort();
    } catch (IOException | RuntimeException e) {
      s3proxy.close();
      throw e;
    }
    LOG.info("s3proxy started on 127.0.0.1:" + port + " (" + jar.getFileName() + ")");
    return s3proxy;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  /** The directory holding one sub-directory per bucket. */
  public Path basedir() {
    return basedir;
  }

  /** Creates a bucket (a directory under {@link #basedir()}); existing buckets are kept. */
  public void createBucket(String name) {
    try {
      Files.createDirectories(basedir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What s3proxy wrote to stdout/stderr so far (for diagnosing failures). */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** Stops the process and deletes its storage. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deleteRecursively(workDir);
  }

  private void awaitPort() throws IOException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "s3proxy exited with code " + process.exitValue() + " during start:\n" + log());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("Interrupted while waiting for s3proxy", e);
        }
      }
    }
    throw new IOException(
        "s3proxy did not accept connections on 127.0.0.1:"
            + port
            + " within "
            + START_TIMEOUT_MILLIS / 1000
            + " s:\n"
            + log());
  }

  private static Path locateJar() throws IOException {
    String configured = System.getProperty(JAR_PROPERTY);
    Path jar;
    if (configured != null && !configured.isBlank() && !configured.startsWith("${")) {
      jar = Paths.get(configured);
    } else {
      jar =
          Paths.get(
              System.getProperty("user.home"),
              ".m2",
              "repository",
              "org",
              "gaul",
              "s3proxy",
              VERSION,
              "s3proxy-" + VERSION + "-jar-with-dependencies.jar");
    }
    if (!Files.isRegularFile(jar)) {
      throw new IOException(
          "s3proxy jar not found at "
              + jar
              + "; set system property "
              + JAR_PROPERTY
              + " to org.gaul:s3proxy:"
              + VERSION
              + ":jar-with-dependencies");
    }
    return jar;
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException e) {
                  LOG.log(Level.FINE, "Could not delete " + path, e);
                }
              });
    } catch (IOException e) {
      LOG.log(Level.FINE, "Could not delete " + root, e);
    }
  }
}
