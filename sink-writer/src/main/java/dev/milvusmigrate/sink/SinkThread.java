package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.concurrent.StopSignal;
import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.kafka.DeadLetters;
import dev.milvusmigrate.kafka.KafkaClientKeys;
import dev.milvusmigrate.kafka.KafkaRefusal;
import dev.milvusmigrate.runtime.ConsumerMeters;
import dev.milvusmigrate.runtime.LogContext;
import dev.milvusmigrate.runtime.MeterTags;
import dev.milvusmigrate.schemas.avro.JobSpec;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of a job's sink, on its own thread, until it is closed or the job failed. Every
 * way the thread can end becomes a log line or a {@code JobFailed} report: a {@link JobFailure}
 * with its own sentence or an unexpected error. A record milvus-migrate did not write goes to the
 * dead-letter topic and the sink continues ({@link DeadLetters}).
 */
abstract class SinkThread<V extends SpecificRecordBase> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SinkThread.class);

  protected final JobSpec job;
  protected final String topic;
  protected final KafkaConsumer<String, V> consumer;
  private final ConsumerMeters consumerMeters;
  protected final StopSignal stop;
  protected final ProgressPublisher progress;
  protected final SinkMetrics metrics;
  private final DeadLetters deadLetters;
  private final Thread thread;
  /** What this thread's consumer does, for the sentence when an ACL is missing. */
  private final String reading;
  private final String bootstrap;

  /** @param name the thread's and its Kafka client's name ({@link JobSink#threadName}) */
  SinkThread(JobSink sink, Class<V> type, String topic, String groupId, String name) {
    this.job = sink.job();
    this.topic = topic;
    this.stop = sink.stop();
    this.progress = sink.progress();
    this.metrics = sink.metrics();
    this.consumer = sink.context().clients().consumer(type, groupId, name);
    this.consumerMeters = ConsumerMeters.bind(consumer, sink.context().registry(), MeterTags.job(job.getJobId()));
    this.deadLetters = new DeadLetters(sink.context().clients(), sink.context().topics().deadLetters(), name);
    this.thread = new Thread(this::run, name);
    this.reading = "reading " + topic + " in consumer group " + groupId;
    this.bootstrap = sink.context().clients().bootstrapServers();
  }

  /** The records that arrived within {@code timeout}, foreign ones sent to the dead-letter topic. */
  protected final ConsumerRecords<String, V> poll(Duration timeout) {
    return deadLetters.poll(consumer, timeout);
  }

  /** Subscribes and applies records until {@link #stop} is set. */
  protected abstract void consume();

  final SinkThread<V> start() {
    thread.start();
    return this;
  }

  /** Waits until the thread ended; an interrupt ends the wait, not the thread. */
  final void awaitEnd() {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try (var context = LogContext.job(job.getJobId())) {
      consumeUntilStopped();
    }
  }

  private void consumeUntilStopped() {
    try {
      consume();
    } catch (WakeupException | SinkStopped e) {
      if (stop.isStopped()) {
        log.info("Sink of job {} stopped.", job.getJobId());
      } else {
        // Nobody asked it to stop: ending quietly would leave the job in progress with nothing applying it.
        reportFailure(new JobFailure("The sink stopped without being asked to (" + e.getClass().getSimpleName()
            + "); nothing after its last commit was acknowledged, so run the job again.", null, null, e));
      }
    } catch (JobFailure e) {
      reportFailure(e);
    } catch (AuthorizationException e) {
      // Kafka works, only this permission is missing: the job can still be failed with the reason.
      reportFailure(new JobFailure(KafkaRefusal.of(KafkaClientKeys.PIPELINE, bootstrap, e, reading).orElseThrow(),
          null, null, e));
    } catch (KafkaException e) {
      metrics.failed();
      log.error("Sink of job {} stopped because Kafka failed: {}", job.getJobId(), e.getMessage(), e);
    } catch (RuntimeException e) {
      reportFailure(new JobFailure("The sink stopped on an unexpected error: " + e.getMessage()
          + " (see the sink-writer log).", null, null, e));
    } finally {
      consumerMeters.close();
      consumer.close();
      deadLetters.close();
    }
  }

  private void reportFailure(JobFailure failure) {
    metrics.failed();
    log.error("Job {} failed in the sink: {}", job.getJobId(), failure.getMessage(), failure);
    try {
      progress.failed(failure.database(), failure.collection(), failure.getMessage(), details(failure));
    } catch (RuntimeException e) {
      log.error("Could not report the failure of job {}: {}", job.getJobId(), e.getMessage());
    }
  }

  private static String details(Throwable failure) {
    StringBuilder chain = new StringBuilder();
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      chain.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append('\n');
    }
    return chain.isEmpty() ? null : chain.toString();
  }

  /** Stops after the record or poll in progress, without committing what was not acknowledged. */
  @Override
  public void close() {
    stop.stop("the sink is closing");
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
