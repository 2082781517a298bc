package dev.milvusmigrate.e2e;

import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a fault run's source Milvus again whenever its process exits on its own, as its supervisor
 * (systemd, Kubernetes) would in production: Milvus 2.3.5 exits about 30 s after its Pulsar comes
 * back from an outage (its own consumer is still registered). Checks once a second; paused while a
 * fault keeps the source's log down on purpose, so the source is started again once its log is back.
 */
final class SourceSupervisor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SourceSupervisor.class);
  private static final long CHECK_SECONDS = 1;
  /** A relaunch under way when the run ends is let finish: the next run needs the source serving. */
  private static final long FINISH_MINUTES = 4;

  private final MilvusStandaloneServer source;
  private final String run;
  private final ScheduledExecutorService checks;
  private final AtomicBoolean paused = new AtomicBoolean();

  private SourceSupervisor(MilvusStandaloneServer source, String run) {
    this.source = source;
    this.run = run;
    this.checks = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "source-supervisor-" + run);
      thread.setDaemon(true);
      return thread;
    });
  }

  static SourceSupervisor watch(MilvusStandaloneServer source, String run) {
    SourceSupervisor supervisor = new SourceSupervisor(source, run);
    supervisor.checks.scheduleWithFixedDelay(supervisor::check, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
    return supervisor;
  }

  /** Runs the fault with the supervision paused, and resumes it. */
  void pausedDuring(Injection fault) throws InterruptedException {
    paused.set(true);
    try {
      fault.inject();
    } finally {
      paused.set(false);
    }
  }

  private void check() {
    if (paused.get()) {
      return;
    }
    try {
      if (source.relaunchIfExited()) {
        LOG.warn("Run {}: the source Milvus had exited on its own; it was started again, as its supervisor would",
            run);
      }
    } catch (RuntimeException e) {
      LOG.warn("Run {}: the source Milvus could not be started again ({}); trying again", run, e.getMessage());
    }
  }

  @Override
  public void close() throws InterruptedException {
    checks.shutdown();
    checks.awaitTermination(FINISH_MINUTES, TimeUnit.MINUTES);
  }

  /** A fault that may stop the source's log; interruptible. */
  @FunctionalInterface
  interface Injection {
    void inject() throws InterruptedException;
  }
}
