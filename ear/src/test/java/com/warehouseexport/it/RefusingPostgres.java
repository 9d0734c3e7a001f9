package com.warehouseexport.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A PostgreSQL server on a loopback port that asks every client for an MD5 password and refuses it
 * the way PostgreSQL does: {@code FATAL 28P01 password authentication failed for user "…"}. The
 * local PostgreSQL trusts 127.0.0.1 (pg_hba.conf {@code trust}), so it accepts any password and a
 * wrong one cannot be provoked there; this speaks the real wire protocol to the real driver
 * instead. It records the password hashes it received, so a test can prove which password was sent.
 */
public final class RefusingPostgres implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(RefusingPostgres.class.getName());
  private static final int SSL_REQUEST = 80877103;
  private static final int GSSENC_REQUEST = 80877104;
  private static final byte[] SALT = {0x11, 0x22, 0x33, 0x44};

  private final ServerSocket listener;
  private final Thread acceptor;
  private final List<String> received = new CopyOnWriteArrayList<>();

  private RefusingPostgres() throws IOException {
    listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    acceptor = new Thread(this::accept, "refusing-postgres");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static RefusingPostgres start() throws IOException {
    return new RefusingPostgres();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** The MD5 password messages received so far ({@code md5…}, as the client sent them). */
  public List<String> received() {
    return List.copyOf(received);
  }

  /** What a client sends for {@code password} of {@code user} to this server's salt. */
  public static String md5Answer(String user, String password) {
    String inner = md5Hex((password + user).getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream outer = new ByteArrayOutputStream();
    outer.writeBytes(inner.getBytes(StandardCharsets.US_ASCII));
    outer.writeBytes(SALT);
    return "md5" + md5Hex(outer.toByteArray());
  }

  private static String md5Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      try (Socket socket = listener.accept()) {
        socket.setSoTimeout(10_000);
        refuse(socket);
      } catch (IOException e) {
        if (!listener.isClosed()) {
          LOG.log(Level.FINE, "refusing-postgres: client gone", e);
        }
      }
    }
  }

  private void refuse(Socket socket) throws IOException {
    DataInputStream in = new DataInputStream(socket.getInputStream());
    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
    String user = "";
    while (true) {
      int length = in.readInt();
      int code = in.readInt();
      byte[] rest = in.readNBytes(length - 8);
      if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
        out.write('N'); // no TLS, no GSS encryption: the client goes on in plain text or gives up
        out.flush();
        continue;
      }
      user = parameter(rest, "user");
      break;
    }
    out.write('R'); // AuthenticationMD5Password
    out.writeInt(12);
    out.writeInt(5);
    out.write(SALT);
    out.flush();
    int type = in.read();
    if (type != 'p') {
      return;
    }
    int length = in.readInt();
    byte[] body = in.readNBytes(length - 4);
    received.add(new String(body, 0, Math.max(0, body.length - 1), StandardCharsets.US_ASCII));
    byte[] error =
        errorResponse(
            "28P01", "password authentication failed for user \"" + user + "\"", "auth_failed");
    out.write(error);
    out.flush();
  }

  private static String parameter(byte[] startup, String name) {
    String[] parts = new String(startup, StandardCharsets.UTF_8).split("\0");
    for (int i = 0; i + 1 < parts.length; i += 2) {
      if (parts[i].equals(name)) {
        return parts[i + 1];
      }
    }
    return "";
  }

  /**
   * A PostgreSQL ErrorResponse message: FATAL with the SQLSTATE, message and (unless null) the
   * server routine; {@link FaultProxy} sends one too.
   */
  static byte[] errorResponse(String sqlState, String message, String routine) {
    ByteArrayOutputStream fields = new ByteArrayOutputStream();
    String[][] parts = {
      {"S", "FATAL"}, {"V", "FATAL"}, {"C", sqlState}, {"M", message}, {"R", routine}
    };
    for (String[] f : parts) {
      if (f[1] == null) {
        continue;
      }
      fields.writeBytes(f[0].getBytes(StandardCharsets.US_ASCII));
      fields.writeBytes(f[1].getBytes(StandardCharsets.UTF_8));
      fields.write(0);
    }
    fields.write(0);
    byte[] body = fields.toByteArray();
    java.nio.ByteBuffer m = java.nio.ByteBuffer.allocate(1 + 4 + body.length);
    m.put((byte) 'E').putInt(4 + body.length).put(body);
    return m.array();
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    acceptor.interrupt();
  }
}
