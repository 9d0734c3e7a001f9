package com.warehouseexport.export.s3;

import com.warehouseexport.core.net.EndpointGuard;
import com.warehouseexport.core.s3.S3Location;
import com.warehouseexport.core.s3.S3Provider;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Upload clients shared by every customer of one endpoint: an S3 client is built once per endpoint,
 * region, addressing style, allow-list and time limits, not once per export, and each customer's
 * requests are signed with that customer's own credentials ({@link CredentialedS3Client}). Building
 * a client (the SDK resolves its whole configuration, and opens a connection pool and a timeout
 * scheduler) was a tenth of a small export's batch thread (issue 24); sharing it also reuses the
 * pool's open connections to the same host.
 *
 * <p>What is shared holds no secret: the shared client's own credentials provider refuses to sign
 * ({@link #NO_CREDENTIALS}), and a customer's credentials live only in the lease that one export
 * holds. The SSRF guard is checked for every lease as for every new client before ({@link
 * S3ClientFactory#check}), and the shared client's DNS hook checks every connection it opens.
 *
 * <p>At most {@code capacity} clients are kept (least recently leased first out); a client that
 * leaves while leased is closed when its last lease is released. Thread-safe.
 */
public final class SharedS3Clients implements AutoCloseable {

  /**
   * The shared clients' own credentials: none. A request reaches a shared client only through a
   * lease that sets the customer's; one that did not would fail here instead of being signed with
   * anything else (such as the server's own AWS identity from the SDK's default chain).
   */
  static final AwsCredentialsProvider NO_CREDENTIALS =
      () -> {
        throw SdkClientException.create(
            "A shared S3 client signs only with the credentials of the request's own customer");
      };

  /** What a client is built from, apart from credentials. */
  record Key(
      S3Provider provider,
      URI endpoint,
      String region,
      boolean pathStyle,
      S3ClientFactory.Timeouts timeouts,
      String allowlist) {}

  private static final class Entry {
    final S3Client client;
    int leases;
    boolean retired;

    Entry(S3Client client) {
      this.client = client;
    }
  }

  private final S3ClientFactory factory;
  private final int capacity;
  private final Map<Key, Entry> clients = new LinkedHashMap<>(16, 0.75f, true);
  private boolean closed;

  public SharedS3Clients(S3ClientFactory factory, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.factory = Objects.requireNonNull(factory, "factory");
    this.capacity = capacity;
  }

  /**
   * A client for uploads to {@code location} ({@link S3ClientFactory.Timeouts#transfer()}) that
   * signs with {@code credentials}, guarded by the server's configured allow-list; closing it
   * releases the lease.
   *
   * @throws S3AccessException (field {@code endpoint}) when the guard refuses the endpoint
   */
  public S3Client lease(S3Location location, S3Credentials credentials) {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(credentials, "credentials");
    String allowlist = S3ClientFactory.allowlistSetting();
    EndpointGuard guard = EndpointGuard.fromConfig(allowlist);
    factory.check(location, guard);
    S3ClientFactory.Timeouts timeouts = S3ClientFactory.Timeouts.transfer();
    Key key =
        new Key(
            location.provider(),
            location.provider() == S3Provider.AWS ? null : location.endpoint(),
            location.region(),
            location.pathStyle(),
            timeouts,
            allowlist == null ? "" : allowlist);
    Entry entry;
    List<S3Client> toClose = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("The S3 clients are closed (the server is stopping)");
      }
      entry = clients.get(key);
      if (entry == null) {
        entry = new Entry(factory.createShared(location, guard, timeouts));
        clients.put(key, entry);
        retireEldest(toClose);
      }
      entry.leases++;
    }
    closeAll(toClose);
    Entry leased = entry;
    return new CredentialedS3Client(
        leased.client,
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())),
        () -> release(leased));
  }

  /** How many clients are kept (tests). */
  synchronized int size() {
    return clients.size();
  }

  private void retireEldest(List<S3Client> toClose) {
    Iterator<Entry> eldest = clients.values().iterator();
    while (clients.size() > capacity && eldest.hasNext()) {
      Entry e = eldest.next();
      eldest.remove();
      e.retired = true;
      if (e.leases == 0) {
        toClose.add(e.client);
      }
    }
  }

  private void release(Entry entry) {
    boolean close;
    synchronized (this) {
      entry.leases--;
      close = entry.retired && entry.leases == 0;
    }
    if (close) {
      entry.client.close();
    }
  }

  /** Closes every client not leased now; leased ones close when released. */
  @Override
  public void close() {
    List<S3Client> toClose = new ArrayList<>();
    synchronized (this) {
      closed = true;
      for (Entry e : clients.values()) {
        e.retired = true;
        if (e.leases == 0) {
          toClose.add(e.client);
        }
      }
      clients.clear();
    }
    closeAll(toClose);
  }

  private static void closeAll(List<S3Client> clients) {
    for (S3Client c : clients) {
      c.close();
    }
  }
}
