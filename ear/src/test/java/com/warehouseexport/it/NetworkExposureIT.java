package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server the tests run listens on loopback only, and the embedded database on nothing
 * (PRODUCT.md §9). WildFly's provisioned configuration binds its {@code public} and {@code
 * management} interfaces to {@code ${jboss.bind.address:127.0.0.1}} / {@code
 * ${jboss.bind.address.management:127.0.0.1}}; the tests pass no {@code -b}. The listening sockets
 * are those of the server's process: its socket inodes ({@code /proc/<pid>/fd}) matched against the
 * LISTEN entries of {@code /proc/net/tcp} and {@code tcp6} (Linux only: skipped elsewhere, a
 * failure under {@code CI=true}).
 */
@ExtendWith(ArquillianExtension.class)
class NetworkExposureIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource private URL base;

  /** A listening TCP socket: local address (hex, as in /proc) and port. */
  record Listener(String address, int port, boolean loopback) {}

  @Test
  void everyListenerOfTheServerIsOnLoopbackAndNoneIsADatabasePort() throws Exception {
    Prerequisites.require(
        Files.isReadable(Path.of("/proc/net/tcp")), "NetworkExposureIT", "Linux /proc/net/tcp");
    new Api(base).asOperator("GET", "/api/v1/system", null); // the app is deployed and has run
    int offset = Integer.getInteger("it.port.offset", 0);
    long pid = serverPid(offset).orElseThrow(() -> new AssertionError("server process not found"));
    List<Listener> listeners = listeners(pid);
    assertFalse(listeners.isEmpty(), "the server listens on its HTTP port at least");
    for (Listener l : listeners) {
      assertTrue(l.loopback(), "a non-loopback listener of the server: " + l + " in " + listeners);
    }
    // Only WildFly's own socket bindings (standalone.xml, shifted by the port offset): nothing
    // else, such as an H2 TCP server, listens even on loopback.
    Set<Integer> bindings = new HashSet<>();
    for (int port : new int[] {8009, 8080, 8443, 9990, 9993, 4712, 4713}) {
      bindings.add(port + offset);
    }
    for (Listener l : listeners) {
      assertTrue(
          bindings.contains(l.port()),
          "an unexpected listener of the server: " + l + " " + bindings);
    }
    assertTrue(
        listeners.stream().anyMatch(l -> l.port() == 8080 + offset), "HTTP on 8080 + offset");
  }

  /**
   * The embedded H2 database is a file of the server process and opens no port. First that the
   * database looked at is the server's: its file is held open by the server process (else the
   * checks below would look at nothing). Then that no H2 lock file beside it announces an
   * auto-server ({@code server=<host>:<port>}; H2 writes that file only in the file-lock mode an
   * auto-server needs). The listening sockets themselves are checked above.
   */
  @Test
  void theEmbeddedDatabaseIsAFileOfTheServerAndAnnouncesNoServer() throws Exception {
    Prerequisites.onlyOnDatabase(!Db.isPostgres(), "NetworkExposureIT", "the embedded H2");
    Prerequisites.require(
        Files.isReadable(Path.of("/proc/self/fd")), "NetworkExposureIT", "Linux /proc");
    new Api(base).asOperator("GET", "/api/v1/system", null); // the database is open
    int offset = Integer.getInteger("it.port.offset", 0);
    long pid = serverPid(offset).orElseThrow(() -> new AssertionError("server process not found"));
    Path h2 = Path.of(System.getProperty("it.data.dir"), "h2");
    Path database = h2.resolve("warehouse.mv.db");
    Set<Path> open = openFiles(pid);
    Path dataDir = h2.getParent().toRealPath();
    assertTrue(
        Files.isRegularFile(database) && open.contains(database.toRealPath()),
        "the server does not hold "
            + database
            + " open, so this test would check nothing; its open files under the data directory: "
            + open.stream().filter(f -> f.startsWith(dataDir)).toList());
    Path lock = h2.resolve("warehouse.lock.db");
    if (Files.exists(lock)) {
      String content = new String(Files.readAllBytes(lock), StandardCharsets.ISO_8859_1);
      assertFalse(content.contains("server="), "H2 auto-server is on: " + content);
    }
  }

  /** The regular files a process holds open ({@code /proc/<pid>/fd}), as real paths. */
  static Set<Path> openFiles(long pid) throws IOException {
    Set<Path> files = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          Path target = Files.readSymbolicLink(fd);
          if (target.isAbsolute() && Files.isRegularFile(target)) {
            files.add(target.toRealPath());
          }
        } catch (IOException e) {
          // closed meanwhile
        }
      }
    }
    return files;
  }

  /** The WildFly process started for these tests: a descendant of this JVM with our offset. */
  static Optional<Long> serverPid(int offset) {
    String marker = "jboss.socket.binding.port-offset=" + offset;
    try (Stream<ProcessHandle> all = ProcessHandle.current().descendants()) {
      return all.filter(p -> commandLine(p.pid()).contains("jboss-modules"))
          .filter(p -> commandLine(p.pid()).contains(marker))
          .map(ProcessHandle::pid)
          .findFirst();
    }
  }

  private static String commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  /** The LISTEN sockets (state 0A) of the process, IPv4 and IPv6. */
  static List<Listener> listeners(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException e) {
          // closed meanwhile
        }
      }
    }
    List<Listener> result = new ArrayList<>();
    for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      Path path = Path.of(table);
      if (!Files.isReadable(path)) {
        continue;
      }
      List<String> lines = Files.readAllLines(path);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 10 || !f[3].equals("0A") || !inodes.contains(f[9])) {
          continue;
        }
        String[] local = f[1].split(":");
        result.add(new Listener(local[0], Integer.parseInt(local[1], 16), isLoopback(local[0])));
      }
    }
    return result;
  }

  /** /proc's hex address: IPv4 as a little-endian 32-bit word, IPv6 as four such words. */
  static boolean isLoopback(String hex) {
    String h = hex.toUpperCase(Locale.ROOT);
    if (h.length() == 8) {
      return h.endsWith("7F"); // 127.x.x.x: first octet is the last byte
    }
    if (h.equals("00000000000000000000000001000000")) {
      return true; // ::1
    }
    // ::ffff:127.x.x.x (IPv4-mapped)
    return h.startsWith("0000000000000000FFFF0000") && h.endsWith("7F");
  }

  @Test
  void procAddressesAreDecodedAsLoopbackOrNot() {
    assertTrue(isLoopback("0100007F"));
    assertFalse(isLoopback("00000000"));
    assertTrue(isLoopback("00000000000000000000000001000000"));
    assertFalse(isLoopback("00000000000000000000000000000000"));
    assertTrue(isLoopback("0000000000000000FFFF00000100007F"));
    assertEquals(0, 0);
  }
}
