package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.milvus.ColumnarWriter.Mode;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.EntityBatch;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.Marker;
import dev.milvusmigrate.schemas.avro.MarkerKind;
import dev.milvusmigrate.schemas.avro.SnapshotEvent;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one offline job's snapshot topic to the target, one record at a time in partition
 * order: schemas prepare the target, batches are written, SNAPSHOT_END flushes, verifies and
 * reports. Each record's offset is committed only after the target acknowledged it; batches
 * that may replay a write are upserted ({@link ReplayGuard}). Runs on its own thread until
 * closed, or until the job failed.
 */
final class SnapshotSink implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SnapshotSink.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final JobSpec job;
  private final SinkContext context;
  private final KafkaConsumer<String, SnapshotEvent> consumer;
  private final String topic;
  private final ReplayGuard guard = new ReplayGuard();
  private final StopSignal stop = new StopSignal();
  private final TargetRetrier retrier;
  private final TargetPreparer preparer;
  private final BatchApplier applier;
  private final CollectionVerifier verifier;
  private final ProgressPublisher progress;
  private final Thread thread;

  SnapshotSink(JobSpec job, SinkContext context) {
    JobId jobId = new JobId(job.getJobId());
    this.job = job;
    this.context = context;
    this.topic = context.topics().snapshot(jobId);
    this.consumer = context.clients().consumer(SnapshotEvent.class, groupId(context, jobId),
        context.instanceId() + "-sink-" + jobId);
    this.retrier = new TargetRetrier(context.retryPolicy(), stop);
    this.preparer = new TargetPreparer(context.source(), context.target());
    this.applier = new BatchApplier(context.target().writer());
    this.verifier = new CollectionVerifier(context.source(), context.target(), context.sampleSize(),
        new SecureRandom());
    this.progress = new ProgressPublisher(context.progressProducer(), context.topics().progress(),
        job.getJobId());
    this.thread = new Thread(this::run, context.instanceId() + "-sink-" + jobId);
  }

  /** The consumer group of a job's sinks: {@code <prefix>-sink-<job>}. */
  static String groupId(SinkContext context, JobId job) {
    return context.topics().prefix() + "-sink-" + job.value();
  }

  SnapshotSink start() {
    thread.start();
    return this;
  }

  boolean isRunning() {
    return thread.isAlive();
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic), new Rebalance());
      while (!stop.isStopped()) {
        pollOnce();
      }
    } catch (WakeupException | SinkStopped e) {
      log.info("Sink of job {} stopped.", job.getJobId());
    } catch (JobFailure e) {
      reportFailure(e);
    } catch (RecordDeserializationException e) {
      reportFailure(new JobFailure("A record of " + topic + " at partition " + e.topicPartition().partition()
          + ", offset " + e.offset() + " could not be decoded: check that the exporter and the sink run compatible"
          + " versions.", null, null, e));
    } catch (KafkaException e) {
      log.error("Sink of job {} stopped because Kafka failed: {}", job.getJobId(), e.getMessage(), e);
    } catch (RuntimeException e) {
      reportFailure(new JobFailure("The sink stopped on an unexpected error: " + e.getMessage()
          + " (see the sink-writer log).", null, null, e));
    } finally {
      consumer.close();
    }
  }

  private void pollOnce() {
    ConsumerRecords<String, SnapshotEvent> records = consumer.poll(POLL);
    for (TopicPartition partition : records.partitions()) {
      for (ConsumerRecord<String, SnapshotEvent> record : records.records(partition)) {
        if (stop.isStopped()) {
          return;
        }
        handle(partition, record);
        if (!commit(partition, record.offset())) {
          break;
        }
      }
    }
  }

  private void handle(TopicPartition partition, ConsumerRecord<String, SnapshotEvent> record) {
    Object payload = record.value() == null ? null : record.value().getPayload();
    if (payload instanceof CollectionSchema schema) {
      String targetDatabase = targetDatabase(schema.getDatabase());
      boolean created = retrier.call("preparing the target for " + name(schema.getDatabase(), schema.getCollection()),
          schema.getDatabase(), schema.getCollection(),
          () -> preparer.prepare(schema, targetDatabase, job.getIndexPolicy()), () -> { });
      if (created) {
        guard.created(name(targetDatabase, schema.getCollection()));
      }
    } else if (payload instanceof EntityBatch batch) {
      write(partition, batch);
    } else if (payload instanceof Marker marker && marker.getKind() == MarkerKind.SNAPSHOT_END) {
      finish(marker);
    }
  }

  private void write(TopicPartition partition, EntityBatch batch) {
    String what = "writing batch " + batch.getChunk() + " of " + name(batch.getDatabase(), batch.getCollection());
    retrier.call(what, batch.getDatabase(), batch.getCollection(), () -> {
      String targetDatabase = targetDatabase(batch.getDatabase());
      applier.apply(batch, targetDatabase, guard.modeFor(partition, name(targetDatabase, batch.getCollection())));
      return null;
    }, () -> guard.mayHaveWritten(partition));
    progress.collectionCopied(batch.getDatabase(), batch.getCollection(),
        batch.getRowsBefore() + batch.getRowCount(), false);
  }

  private void finish(Marker marker) {
    String database = marker.getDatabase();
    String collection = marker.getCollection();
    String target = targetDatabase(database);
    String name = name(database, collection);
    retrier.run("flushing " + name + " on the target", database, collection,
        () -> context.target().catalog().flush(target, collection));
    VerificationReport report = retrier.call("verifying " + name, database, collection,
        () -> verifier.verify(job.getJobId(), database, target, collection), () -> { });
    long rows = marker.getRowsRead() != null ? marker.getRowsRead() : report.getTargetDistinctKeys();
    progress.collectionCopied(database, collection, rows, true);
    progress.verified(report);
    retrier.run("setting the load state of " + name, database, collection, () -> applyLoadPolicy(target, collection));
    log.info("Collection {} copied and verified: passed={}", name, report.getPassed());
  }

  private void applyLoadPolicy(String database, String collection) {
    boolean loaded = context.target().catalog().isLoaded(database, collection);
    if (job.getLoadAtEnd() && !loaded) {
      context.target().catalog().load(database, collection);
    } else if (!job.getLoadAtEnd() && loaded) {
      context.target().catalog().release(database, collection);
    }
  }

  /** Commits {@code offset + 1}; false when the partition was taken away meanwhile. */
  private boolean commit(TopicPartition partition, long offset) {
    try {
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset + 1)));
      guard.committed(partition);
      return true;
    } catch (CommitFailedException e) {
      log.warn("Commit of {} at offset {} failed after a rebalance; the record will be applied again as an upsert.",
          partition, offset);
      guard.mayHaveWritten(partition);
      if (consumer.assignment().contains(partition)) {
        consumer.seek(partition, offset);
      }
      return false;
    }
  }

  private void reportFailure(JobFailure failure) {
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

  private String targetDatabase(String sourceDatabase) {
    return job.getTargetDatabase() != null ? job.getTargetDatabase() : sourceDatabase;
  }

  private static String name(String database, String collection) {
    return database + "." + collection;
  }

  /** Stops after the record in progress, without committing it if its write did not finish. */
  @Override
  public void close() {
    stop.stop();
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      guard.assigned(partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      guard.revoked(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      guard.revoked(partitions);
    }
  }
}
