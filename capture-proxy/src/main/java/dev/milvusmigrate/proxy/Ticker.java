package dev.milvusmigrate.proxy;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends the proxy's watermark to its topic at a fixed interval, so that capture's lag stays true
 * while no application writes. While Kafka takes no ticks, the watermark stops and the lag grows.
 */
final class Ticker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Ticker.class);

  private final ScheduledExecutorService timer;

  private Ticker(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /** @param intents whose unrecorded outcomes are appended before each tick */
  static Ticker start(ChangeLog changes, Intents intents, Duration interval) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "capture-proxy-ticks");
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleAtFixedRate(() -> tick(changes, intents), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return new Ticker(timer);
  }

  private static void tick(ChangeLog changes, Intents intents) {
    try {
      intents.retry();
      changes.tick();
    } catch (RuntimeException e) {
      log.debug("The proxy's time tick was not taken by Kafka: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
