package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.milvus.ColumnarWriter;
import dev.milvusmigrate.runtime.LogContext;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.EntityBatch;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.Marker;
import dev.milvusmigrate.schemas.avro.MarkerKind;
import dev.milvusmigrate.schemas.avro.SnapshotEvent;
import dev.milvusmigrate.verification.CollectionVerifier;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one job's snapshot topic to the target, one record at a time in partition order:
 * schemas prepare the target, batches are written, SNAPSHOT_END ends the collection's copy. Each
 * record's offset is committed only after the target acknowledged it; batches that may replay a
 * write are upserted ({@link ReplayGuard}); where the target generates the keys
 * ({@link RegeneratedKeys}) nothing could tell a second copy of such a batch from the first, so the
 * collection fails instead of being written twice. For an offline job SNAPSHOT_END flushes, verifies and
 * reports; a zero-downtime job's source keeps changing, so there it only reports the collection
 * copied (verification waits for stop-sync).
 */
final class SnapshotSink extends SinkThread<SnapshotEvent> {

  private static final Logger log = LoggerFactory.getLogger(SnapshotSink.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final ReplayGuard guard = new ReplayGuard();
  private final TargetRetrier retrier;
  private final JobTargets targets;
  private final BatchApplier applier;
  private final RegeneratedKeys regenerated;
  private final CollectionFinisher finisher;

  SnapshotSink(JobSink sink) {
    super(sink, SnapshotEvent.class, sink.context().topics().snapshot(sink.jobId()),
        groupId(sink.context(), sink.jobId()), sink.threadName(""));
    this.retrier = sink.retrier();
    this.targets = sink.targets();
    this.applier = new BatchApplier(sink.context().target().writer());
    this.regenerated = new RegeneratedKeys(sink.job().getAutoIdKeys(), sink.context().target().catalog());
    this.finisher = sink.finisher(CollectionVerifier.Shortcut.NONE);
  }

  /** The consumer group of a job's snapshot sinks: {@code <prefix>-sink-<job>}. */
  static String groupId(SinkContext context, JobId job) {
    return context.topics().prefix() + "-sink-" + job.value();
  }

  @Override
  protected void consume() {
    consumer.subscribe(List.of(topic), new Rebalance());
    while (!stop.isStopped()) {
      pollOnce();
    }
  }

  private void pollOnce() {
    ConsumerRecords<String, SnapshotEvent> records = poll(POLL);
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
      try (var context = LogContext.collection(new CollectionName(schema.getDatabase(), schema.getCollection()))) {
        prepare(schema);
      }
    } else if (payload instanceof EntityBatch batch) {
      try (var context = LogContext.collection(new CollectionName(batch.getDatabase(), batch.getCollection()))) {
        write(partition, batch, record.serializedValueSize());
      }
    } else if (payload instanceof Marker marker && marker.getKind() == MarkerKind.SNAPSHOT_END) {
      try (var context = LogContext.collection(collection(marker))) {
        finish(marker);
      }
    }
  }

  private void prepare(CollectionSchema schema) {
    if (targets.prepare(schema)) {
      guard.created(targets.target(JobTargets.source(schema)).qualified());
    }
  }

  /** @param bytes the size of the batch's record, as Kafka stored it */
  private void write(TopicPartition partition, EntityBatch batch, int bytes) {
    CollectionName source = new CollectionName(batch.getDatabase(), batch.getCollection());
    String what = "writing batch " + batch.getChunk() + " of " + source.qualified();
    retrier.call(what, source, () -> {
      CollectionName target = targets.target(source);
      ColumnarWriter.Mode mode = guard.modeFor(partition, target.qualified());
      Optional<String> generatedKey = regenerated.keyField(target);
      if (generatedKey.isPresent() && mode == ColumnarWriter.Mode.UPSERT) {
        throw new JobFailure("Batch " + batch.getChunk() + " of " + source.qualified() + " may already be on the"
            + " target (the sink restarted, or a write's outcome is unknown, or the collection existed before), and"
            + " with --auto-id regenerate nothing tells a second copy from the first: drop " + target.qualified()
            + " on the target and run the job again.", source.database(), source.collection());
      }
      applier.apply(batch, target.database(), mode, generatedKey);
      return null;
    }, () -> guard.mayHaveWritten(partition));
    metrics.snapshotApplied(source, batch.getRowCount(), bytes);
    progress.collectionCopied(source, batch.getRowsBefore() + batch.getRowCount(), false);
  }

  private void finish(Marker marker) {
    if (job.getMode() == JobMode.ZERO_DOWNTIME) {
      copied(marker);
      return;
    }
    finisher.finish(collection(marker), marker.getRowsRead());
  }

  private void copied(Marker marker) {
    progress.collectionCopied(collection(marker), Objects.requireNonNullElse(marker.getRowsRead(), 0L), true);
    log.info("Snapshot of {} copied; its changes since follow from the mutations.", collection(marker).qualified());
  }

  private static CollectionName collection(Marker marker) {
    return new CollectionName(marker.getDatabase(), marker.getCollection());
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
