package dev.milvusmigrate.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Ports that nothing listens on right now, chosen by the operating system. */
public final class FreePorts {

  private FreePorts() {
  }

  /** {@code count} distinct free ports; all sockets stay open until every port is chosen. */
  public static int[] allocate(int count) {
    List<ServerSocket> sockets = new ArrayList<>(count);
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not allocate " + count + " free ports", e);
    } finally {
      sockets.forEach(FreePorts::closeQuietly);
    }
  }

  public static int allocate() {
    return allocate(1)[0];
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // the port is released either way
    }
  }
}
