package dev.milvusmigrate.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forwards every TCP connection accepted on one address to another, byte for byte in both
 * directions, what comes from the server held for a delay when one is set. It carries a service's
 * connections across a network namespace's veth link: one relay inside the namespace (a process,
 * {@link #main}) listens where the service expects the server, one on the host listens on the
 * link's host end and connects to the server.
 */
final class TcpRelay implements AutoCloseable {

  private final ServerSocket listener;
  private final InetSocketAddress forwardTo;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile long delayNanos;
  private final AtomicLong bytesDelayed = new AtomicLong();

  /** Bytes read and when they may be passed on; an empty one ends the connection. */
  private record Chunk(long dueNanos, byte[] bytes) {}

  private TcpRelay(ServerSocket listener, InetSocketAddress forwardTo) {
    this.listener = listener;
    this.forwardTo = forwardTo;
  }

  /** Listens on {@code listen} and forwards to {@code forwardTo}, on daemon threads. */
  static TcpRelay start(InetSocketAddress listen, InetSocketAddress forwardTo) throws IOException {
    ServerSocket listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(listen);
    TcpRelay relay = new TcpRelay(listener, forwardTo);
    daemon("relay-accept-" + listen, relay::accept);
    return relay;
  }

  /** {@code listenHost:port=forwardHost:port ...}: one relay per argument, until the process is killed. */
  public static void main(String[] args) throws Exception {
    List<TcpRelay> relays = new ArrayList<>();
    for (String arg : args) {
      String[] sides = arg.split("=");
      relays.add(start(address(sides[0]), address(sides[1])));
    }
    System.out.println("relaying " + String.join(" ", args));
    Thread.currentThread().join();
  }

  /**
   * Holds every byte from the server {@code delay} before passing it on, from now on (zero: at once),
   * as a slow link would: the bytes keep flowing meanwhile, they only arrive later.
   */
  void delayFromServer(Duration delay) {
    delayNanos = delay.toNanos();
  }

  /** Bytes from the server held for a delay so far. */
  long bytesDelayed() {
    return bytesDelayed.get();
  }

  private static InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket();
        try {
          server.connect(forwardTo, 10_000);
        } catch (IOException e) {
          client.close();
          continue;
        }
        sockets.add(client);
        sockets.add(server);
        daemon("relay-up", () -> copy(client, server, false));
        daemon("relay-down", () -> copy(server, client, true));
      } catch (IOException e) {
        // closed, or one connection failed: the service sees a refused or reset connection
      }
    }
  }

  /** Reads from one side; a second thread passes each chunk on to the other side once it is due. */
  private void copy(Socket from, Socket to, boolean fromServer) {
    BlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
    daemon(fromServer ? "relay-down-send" : "relay-up-send", () -> send(chunks, from, to));
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = from.getInputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        long delay = fromServer ? delayNanos : 0;
        if (delay > 0) {
          bytesDelayed.addAndGet(read);
        }
        chunks.add(new Chunk(System.nanoTime() + delay, Arrays.copyOf(buffer, read)));
      }
    } catch (IOException e) {
      // one side closed or reset: the sender closes both
    } finally {
      chunks.add(new Chunk(0, new byte[0]));
    }
  }

  private void send(BlockingQueue<Chunk> chunks, Socket from, Socket to) {
    try (OutputStream out = to.getOutputStream()) {
      for (Chunk chunk = chunks.take(); chunk.bytes().length > 0; chunk = chunks.take()) {
        long wait = chunk.dueNanos() - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait); // the delay is the fault itself
        }
        out.write(chunk.bytes());
        out.flush();
      }
    } catch (IOException e) {
      // one side closed or reset: close both below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      sockets.remove(from);
      sockets.remove(to);
    }
  }

  private static void daemon(String name, Runnable work) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // already closed
    }
    sockets.forEach(TcpRelay::closeQuietly);
  }
}
