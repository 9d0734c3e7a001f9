package com.warehouseexport.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name to its addresses; a seam so that the guard can be tested without DNS. */
@FunctionalInterface
public interface HostResolver {

  /**
   * @return all addresses of {@code host}; may be empty
   * @throws UnknownHostException when the name does not resolve
   */
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /** The JVM's resolver ({@link InetAddress#getAllByName}); performs real DNS look-ups. */
  static HostResolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }
}
