package dev.milvusmigrate.capture;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.RecordKeys;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.schemas.avro.CaptureCheckpoint;
import dev.milvusmigrate.schemas.avro.CaptureStarted;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.Heartbeat;
import dev.milvusmigrate.schemas.avro.Marker;
import dev.milvusmigrate.schemas.avro.MarkerKind;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.PipelineEvent;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The records of one capture transaction, in the order they must be sent: a collection's schema
 * reaches every mutations partition before its first mutation, mutations are keyed by entity so
 * each key's changes stay in order, and the checkpoints of the source positions they came from
 * commit atomically with them.
 */
final class CaptureBatch {

  private final String jobId;
  private final TopicNames topics;
  private final String mutationsTopic;
  private final String checkpointsTopic;
  private final int mutationPartitions;
  private final List<ProducerRecord<String, SpecificRecordBase>> records = new ArrayList<>();
  private final Map<CollectionName, Integer> mutationsPerCollection = new HashMap<>();
  private int mutations;
  private int heartbeats;

  CaptureBatch(JobId job, TopicNames topics, int mutationPartitions) {
    this.jobId = job.value();
    this.topics = topics;
    this.mutationsTopic = topics.mutations(job);
    this.checkpointsTopic = topics.captureCheckpoints(job);
    this.mutationPartitions = mutationPartitions;
  }

  void schema(CollectionSchema schema) {
    String key = RecordKeys.collection(schema.getDatabase(), schema.getCollection());
    toEveryPartition(key, new PipelineEvent(schema));
  }

  void mutation(Mutation mutation, Object primaryKey) {
    String key = RecordKeys.entity(mutation.getDatabase(), mutation.getCollection(), primaryKey);
    records.add(new ProducerRecord<>(mutationsTopic, key, new PipelineEvent(mutation)));
    mutations++;
    mutationsPerCollection.merge(new CollectionName(mutation.getDatabase(), mutation.getCollection()), 1,
        Integer::sum);
  }

  /**
   * The watermark into every mutations partition (the sink's applied watermark) and, as the job's
   * source head for the lag, onto the shared progress topic.
   */
  void heartbeat(long sourceTs, String captureInstance) {
    Heartbeat heartbeat = new Heartbeat(jobId, sourceTs, captureInstance, null, System.currentTimeMillis());
    toEveryPartition(jobId, new PipelineEvent(heartbeat));
    records.add(new ProducerRecord<>(topics.progress(), jobId, new ProgressEvent(heartbeat)));
    heartbeats++;
  }

  void checkpoint(LogChannel channel, long nextOffset, OptionalLong tick) {
    CaptureCheckpoint checkpoint = new CaptureCheckpoint(jobId, channel.name(), channel.partition(), nextOffset,
        tick.isPresent() ? tick.getAsLong() : null, System.currentTimeMillis());
    records.add(new ProducerRecord<>(checkpointsTopic, channel.toString(), checkpoint));
  }

  /** Records, with this transaction, that the source entry must be handled again at the stop-sync fence. */
  void againAtFence(WalPosition entry) {
    records.add(new ProducerRecord<>(checkpointsTopic, CaptureCheckpoints.againAtFenceKey(entry),
        new CaptureCheckpoint(jobId, CaptureCheckpoints.AGAIN_AT_FENCE + entry.topic(), entry.partition(),
            entry.offset(), null, System.currentTimeMillis())));
  }

  void checkpoints(Map<LogChannel, Long> positions) {
    positions.forEach((channel, offset) -> checkpoint(channel, offset, OptionalLong.empty()));
  }

  /**
   * Marks the start as fixed (even when the source has no log topic yet) and tells the exporter it
   * may take T, or that T is {@code logTime} for a log stamped by its own clock.
   */
  void started(String captureInstance, int channels, OptionalLong logTime) {
    records.add(new ProducerRecord<>(checkpointsTopic, CaptureCheckpoints.START_MARKER,
        new CaptureCheckpoint(jobId, CaptureCheckpoints.START_MARKER, -1, 0L, null, System.currentTimeMillis())));
    records.add(new ProducerRecord<>(topics.progress(), jobId, new ProgressEvent(new CaptureStarted(jobId,
        captureInstance, channels, System.currentTimeMillis(), logTime.isPresent() ? logTime.getAsLong() : null))));
  }

  /**
   * The stop-sync fence: every change up to {@code fenceTs} is published before it in every
   * mutations partition, and the checkpoints record that capture of the job is complete.
   */
  void fence(long fenceTs) {
    toEveryPartition(jobId, new PipelineEvent(Marker.newBuilder().setKind(MarkerKind.STOP_SYNC_FENCE).setJobId(jobId)
        .setTs(fenceTs).setPartitions(mutationPartitions).build()));
    records.add(new ProducerRecord<>(checkpointsTopic, CaptureCheckpoints.FENCE_MARKER,
        new CaptureCheckpoint(jobId, CaptureCheckpoints.FENCE_MARKER, -1, fenceTs, null, System.currentTimeMillis())));
  }

  int mutationCount() {
    return mutations;
  }

  Map<CollectionName, Integer> mutationsPerCollection() {
    return mutationsPerCollection;
  }

  int heartbeats() {
    return heartbeats;
  }

  boolean isEmpty() {
    return records.isEmpty();
  }

  List<ProducerRecord<String, SpecificRecordBase>> records() {
    return records;
  }

  private void toEveryPartition(String key, PipelineEvent event) {
    for (int partition = 0; partition < mutationPartitions; partition++) {
      records.add(new ProducerRecord<>(mutationsTopic, partition, key, event));
    }
  }
}
