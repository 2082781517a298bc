package dev.milvusmigrate.capture.ddl;

import dev.milvusmigrate.milvus.MilvusCatalog;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the source for forbidden DDL during a zero-downtime job: reads a {@link
 * SourceCatalogView} every interval on its own daemon thread and compares it with the previous
 * one. On the first violation it calls the handler once and stops. A read that fails (the source
 * briefly unreachable) is logged and retried on the next poll, never reported as a violation.
 * It uses the caller's {@link MilvusCatalog}, so it opens no connection of its own.
 */
public final class DdlWatcher implements AutoCloseable {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(DdlWatcher.class);

  private final Supplier<SourceCatalogView> views;
  private final Duration interval;
  private final Predicate<DdlViolation> concerns;
  private final Consumer<DdlViolation> onViolation;
  private final ForbiddenDdlDetector detector = new ForbiddenDdlDetector();
  private final ScheduledExecutorService poller;
  private final AtomicLong completedPolls = new AtomicLong();
  private volatile Thread pollerThread;
  private volatile SourceCatalogView latest;
  private volatile boolean closed;

  /** @param concerns whether a violation concerns the job (a job of one database ignores the others) */
  public DdlWatcher(MilvusCatalog source, Duration interval, Predicate<DdlViolation> concerns,
      Consumer<DdlViolation> onViolation) {
    this(new SourceCatalogReader(source)::read, interval, concerns, onViolation);
  }

  DdlWatcher(Supplier<SourceCatalogView> views, Duration interval, Predicate<DdlViolation> concerns,
      Consumer<DdlViolation> onViolation) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("The DDL watch interval must be positive, not " + interval + ".");
    }
    this.views = views;
    this.interval = interval;
    this.concerns = concerns;
    this.onViolation = onViolation;
    this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "ddl-watch");
      thread.setDaemon(true);
      pollerThread = thread;
      return thread;
    });
  }

  /**
   * Reads the view later ones are compared with, on the caller's thread, so every change after
   * this returns is seen; then polls. Fails with a {@code MilvusAccessException} if the source
   * cannot be read now.
   */
  public void start() {
    latest = views.get();
    poller.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Polls that read the source and compared it with the previous view; failed reads do not count. */
  public long completedPolls() {
    return completedPolls.get();
  }

  /** The view the last completed poll read (or {@link #start()}, before any poll completed). */
  public Optional<SourceCatalogView> latestView() {
    return Optional.ofNullable(latest);
  }

  /** False once a violation was reported or the watcher was closed. */
  public boolean isRunning() {
    return !poller.isTerminated();
  }

  private void poll() {
    SourceCatalogView current;
    try {
      current = views.get();
    } catch (RuntimeException e) {
      if (!closed) {
        log.warn("The DDL watch could not read the source's metadata; it tries again in {} ms: {}",
            interval.toMillis(), e.getMessage());
      }
      return;
    }
    Optional<DdlViolation> violation = detector.violations(latest, current).stream().filter(concerns).findFirst();
    latest = current;
    completedPolls.incrementAndGet();
    violation.ifPresent(this::report);
  }

  private void report(DdlViolation violation) {
    poller.shutdown();
    log.warn("The DDL watch stopped: {}", violation.sentence());
    try {
      onViolation.accept(violation);
    } catch (RuntimeException e) {
      log.error("The handler of a forbidden DDL violation failed: {}", violation.sentence(), e);
    }
  }

  /**
   * Stops polling. A poll in progress is interrupted (a blocked call to the source ends at once),
   * so is a violation handler still running on the watch thread.
   */
  @Override
  public void close() {
    closed = true;
    poller.shutdownNow();
    if (Thread.currentThread() != pollerThread) {
      awaitTermination();
    }
  }

  private void awaitTermination() {
    try {
      if (!poller.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("The DDL watch thread did not stop within {} s", CLOSE_TIMEOUT.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
