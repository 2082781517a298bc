package dev.milvusmigrate.testkit;

import java.util.function.Supplier;

/**
 * One lazily started server per test JVM. JUnit stops it through {@link #stopper()} when the
 * test plan ends; a shutdown hook is the backstop for JVMs that exit otherwise.
 */
public final class JvmWideServer<T extends AutoCloseable> {

  private final Supplier<T> starter;
  private T server;

  public JvmWideServer(String name, Supplier<T> starter) {
    this.starter = starter;
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, name + "-stop"));
  }

  public synchronized T get() {
    if (server == null) {
      server = starter.get();
    }
    return server;
  }

  public synchronized void stop() {
    if (server != null) {
      try {
        server.close();
      } catch (Exception e) {
        throw new IllegalStateException("Could not stop " + server, e);
      } finally {
        server = null;
      }
    }
  }

  /** A value for JUnit's root store, which closes AutoCloseable values when the plan ends. */
  public Stopper stopper() {
    return new Stopper();
  }

  public final class Stopper implements AutoCloseable {
    @Override
    public void close() {
      stop();
    }
  }
}
