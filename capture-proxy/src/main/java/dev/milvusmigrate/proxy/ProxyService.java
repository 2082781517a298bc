package dev.milvusmigrate.proxy;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture-proxy service (bin/capture-proxy): serves until another instance of the same source
 * takes over and fences it, then stands by again (as with {@code proxy.standby}) and serves once
 * that one falls silent; until closed. So a pair of instances fails over in both directions.
 */
public final class ProxyService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ProxyService.class);

  private final ProxyConfig config;
  private final MeterRegistry registry;
  private final Thread watcher;
  private volatile PassThroughServer serving;
  private volatile boolean closed;

  private ProxyService(ProxyConfig config, MeterRegistry registry, PassThroughServer serving) {
    this.config = config;
    this.registry = registry;
    this.serving = serving;
    this.watcher = new Thread(this::serveAgainWhenFenced, "capture-proxy-standby");
    this.watcher.setDaemon(true);
  }

  /** Starts serving, after standing by first with {@code proxy.standby}. */
  public static ProxyService start(ProxyConfig config, MeterRegistry registry) {
    ProxyService service = new ProxyService(config, registry, PassThroughServer.start(config, registry));
    service.watcher.start();
    return service;
  }

  /** The port the serving instance listens on. */
  public int port() {
    return serving.port();
  }

  private void serveAgainWhenFenced() {
    try {
      while (!closed) {
        serving.awaitFenced();
        serving.close();
        log.info("Standing by again for source '{}'.", config.sourceId());
        PassThroughServer next = PassThroughServer.start(config, registry, true);
        serving = next;
        if (closed) {
          next.close();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (!closed) {
        log.error("The capture-proxy could not stand by again: {}", e.getMessage(), e);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    watcher.interrupt();
    serving.close();
  }
}
