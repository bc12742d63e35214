package io.budai.deploy.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Tells whether a TCP port can be listened on. */
@FunctionalInterface
interface PortProbe {

  boolean isFree(int port);

  /**
   * The real probe: binds the port on {@code host} for a moment. With {@code SO_REUSEADDR}, as the
   * servers themselves bind: on Linux a socket listening on this address or on all of them still
   * makes the bind fail (taken), while connections left in TIME_WAIT by a server that just stopped
   * (a private PostgreSQL closing its clients on shutdown) do not — without it, a port freed a
   * moment ago looked taken and a restarted private instance moved to another port.
   */
  static PortProbe binding(String host) {
    return port -> {
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        return true;
      } catch (IOException taken) {
        return false;
      }
    };
  }

  /** A port the operating system says is free now (from its ephemeral range). */
  static int anyFree(String host) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free port on " + host, e);
    }
  }
}
