package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.concurrent.StopSignal;
import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.kafka.DeadLetters;
import dev.milvusmigrate.kafka.KafkaClientKeys;
import dev.milvusmigrate.kafka.KafkaRefusal;
import dev.milvusmigrate.runtime.ConsumerMeters;
import dev.milvusmigrate.runtime.KafkaOutage;
import dev.milvusmigrate.runtime.MeterTags;
import dev.milvusmigrate.schemas.avro.JobSpec;
import java.time.Duration;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of one consumer of a job's sink, run on the thread of its {@link SupervisedSink}
 * until it is stopped, the job failed, or Kafka failed under it. Every way it can end becomes a log
 * line, a {@code JobFailed} report (a {@link JobFailure} with its own sentence, Kafka refusing the
 * job, or an unexpected error), or, when Kafka was only away, the answer that a new attempt with a
 * new consumer may resume from the committed offsets. A record milvus-migrate did not write goes to
 * the dead-letter topic and the sink continues ({@link DeadLetters}).
 */
abstract class SinkThread<V extends SpecificRecordBase> {

  private static final Logger log = LoggerFactory.getLogger(SinkThread.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  protected final JobSpec job;
  protected final String topic;
  protected final KafkaConsumer<String, V> consumer;
  private final ConsumerMeters consumerMeters;
  protected final StopSignal stop;
  protected final ProgressPublisher progress;
  protected final SinkMetrics metrics;
  private final DeadLetters deadLetters;
  /** What this thread's consumer does, for the sentence when Kafka refuses it. */
  private final String reading;
  private final String bootstrap;
  private KafkaOutage outage;

  /** @param name its Kafka client's name ({@link JobSink#threadName}) */
  SinkThread(JobSink sink, Class<V> type, String topic, String groupId, String name) {
    this.job = sink.job();
    this.topic = topic;
    this.stop = sink.stop();
    this.progress = sink.progress();
    this.metrics = sink.metrics();
    this.consumer = sink.context().clients().consumer(type, groupId, name);
    this.consumerMeters = ConsumerMeters.bind(consumer, sink.context().registry(), MeterTags.job(job.getJobId()));
    this.deadLetters = new DeadLetters(sink.context().clients(), sink.context().topics().deadLetters(), name);
    this.reading = "reading " + topic + " in consumer group " + groupId;
    this.bootstrap = sink.context().clients().bootstrapServers();
  }

  /** The records that arrived within {@code timeout}, foreign ones sent to the dead-letter topic. */
  protected final ConsumerRecords<String, V> poll(Duration timeout) {
    ConsumerRecords<String, V> records = deadLetters.poll(consumer, timeout);
    if (!records.isEmpty()) {
      outage.recovered();
    }
    return records;
  }

  /** Subscribes and applies records until {@link #stop} is set. */
  protected abstract void consume();

  /** Interrupts a poll or commit in progress, e.g. when the job's work is stopped. */
  final void wakeup() {
    consumer.wakeup();
  }

  /**
   * Consumes until the end, then closes the consumer.
   *
   * @param outage the supervisor's, told when records flow again
   * @return the failure of Kafka that ended it, when a new attempt may resume; empty otherwise
   */
  final Optional<RuntimeException> run(KafkaOutage outage) {
    this.outage = outage;
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
    } catch (RuntimeException e) {
      switch (KafkaOutage.of(e)) {
        case TRANSIENT -> {
          if (!stop.isStopped()) {
            return Optional.of(e);
          }
          log.info("Sink of job {} stopped.", job.getJobId());
        }
        // Kafka answers, and retrying cannot change the answer: the job fails naming it.
        case JOB_IS_WRONG -> reportFailure(new JobFailure(KafkaOutage.denial(e)
            .flatMap(denied -> KafkaRefusal.of(KafkaClientKeys.PIPELINE, bootstrap, denied, reading))
            .orElseGet(() -> "Kafka refused the sink " + reading + ": " + e.getMessage() + "."), null, null, e));
        case NOT_KAFKA -> reportFailure(new JobFailure("The sink stopped on an unexpected error: " + e.getMessage()
            + " (see the sink-writer log).", null, null, e));
      }
    } finally {
      consumerMeters.close();
      // Bounded: without Kafka, leaving the group would wait 30 s before the next attempt can start.
      consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
      deadLetters.close();
    }
    return Optional.empty();
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
}
