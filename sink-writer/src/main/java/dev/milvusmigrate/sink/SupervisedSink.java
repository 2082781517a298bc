package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.concurrent.RetryPolicy;
import dev.milvusmigrate.runtime.KafkaOutage;
import dev.milvusmigrate.runtime.LogContext;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * One of a job's sinks (its snapshot or its mutations) on a thread of its own: runs a {@link
 * SinkThread}, and when Kafka failed under it, a new one with a new consumer after a backoff
 * ({@link KafkaOutage}), which resumes from the group's committed offsets as a restarted sink-writer
 * would (whatever was applied after them is applied again, which changes nothing); until the job's
 * work is stopped or the job failed.
 */
final class SupervisedSink {

  private final JobSink sink;
  private final Function<JobSink, SinkThread<?>> attempt;
  private final KafkaOutage outage;
  private final Thread thread;
  private volatile SinkThread<?> current;

  /** @param name the thread's name ({@link JobSink#threadName}) */
  SupervisedSink(JobSink sink, String name, Function<JobSink, SinkThread<?>> attempt) {
    this.sink = sink;
    this.attempt = attempt;
    RetryPolicy policy = sink.context().retryPolicy();
    this.outage = new KafkaOutage("Sink " + name, RetryPolicy.unlimited(policy.initialBackoff(),
        policy.maxBackoff()), sink.stop());
    this.thread = new Thread(this::run, name);
  }

  SupervisedSink start() {
    thread.start();
    return this;
  }

  private void run() {
    try (var context = LogContext.job(sink.job().getJobId())) {
      Optional<RuntimeException> kafkaFailed;
      do {
        SinkThread<?> next = attempt.apply(sink);
        current = next;
        kafkaFailed = next.run(outage);
        kafkaFailed.ifPresent(failure -> sink.metrics().kafkaRestarted());
      } while (kafkaFailed.isPresent() && outage.backOff(kafkaFailed.get()));
    }
  }

  /** Waits until the thread ended; an interrupt ends the wait, not the thread. */
  void awaitEnd() {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops after the record or poll in progress, without committing what was not acknowledged. */
  void close() {
    sink.stop().stop("the sink is closing");
    SinkThread<?> running = current;
    if (running != null) {
      running.wakeup();
    }
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
