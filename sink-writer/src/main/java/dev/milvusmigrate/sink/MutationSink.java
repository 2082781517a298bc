package dev.milvusmigrate.sink;

import dev.milvusmigrate.sink.live.LiveVerification;
import dev.milvusmigrate.core.domain.HybridTimestamp;
import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.Heartbeat;
import dev.milvusmigrate.schemas.avro.Marker;
import dev.milvusmigrate.schemas.avro.MarkerKind;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.PipelineEvent;
import dev.milvusmigrate.sink.AppliedWatermarks.Watermark;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a zero-downtime job's mutations topic to the target once the snapshot of every planned
 * collection is there ({@link SyncGate}). Each poll is folded into final entity states ({@link
 * MutationFold}) and written as deletes and upserts; offsets are committed only after every write
 * of the poll was acknowledged, then the applied watermarks are reported. Whatever was not
 * committed is read and applied again after a restart or rebalance, which changes nothing.
 */
final class MutationSink extends SinkThread<PipelineEvent> {

  private static final Logger log = LoggerFactory.getLogger(MutationSink.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final String instanceId;
  private final SinkContext context;
  private final SyncGate gate = new SyncGate();
  private final FenceTally fences = new FenceTally();
  private final Map<Integer, Marker> drainedThisPoll = new HashMap<>();
  private final JobTargets targets;
  private final PlanWriter writer;
  private final TargetRetrier retrier;
  private final CollectionFinisher finisher;
  private final AppliedWatermarks watermarks = new AppliedWatermarks();
  private final LiveVerification live;
  private final String progressFeedName;
  private boolean verified;

  MutationSink(JobSink sink) {
    super(sink, PipelineEvent.class, sink.context().topics().mutations(sink.jobId()),
        groupId(sink.context(), sink.jobId()), sink.threadName("-mutations"));
    this.context = sink.context();
    this.instanceId = context.instanceId();
    this.targets = sink.targets();
    this.retrier = sink.retrier();
    this.writer = new PlanWriter(context.target().writer(), new TargetPartitions(context.target().catalog()),
        retrier, targets);
    this.live = new LiveVerification(context.liveSetup(), job.getJobId(), topic, groupId(context, sink.jobId()),
        targets::database, this::sourceCollections, metrics);
    this.finisher = sink.finisher(live);
    this.progressFeedName = sink.threadName("-progress");
  }

  /** The job's collections on the source now, read again while the source restarts or is unreachable. */
  private List<CollectionSchema> sourceCollections() {
    return retrier.call("listing the job's collections on the source",
        () -> new JobCollections(job, context.source().catalog()).schemas());
  }

  /** The consumer group of a job's mutation sinks: {@code <prefix>-sink-mutations-<job>}. */
  static String groupId(SinkContext context, JobId job) {
    return context.topics().prefix() + "-sink-mutations-" + job.value();
  }

  @Override
  protected void consume() {
    try (JobProgressFeed feed = new JobProgressFeed(context.clients(), context.topics().progress(), job.getJobId(),
        progressFeedName)) {
      while (!gate.isOpen()) {
        if (stop.isStopped()) {
          throw new SinkStopped();
        }
        feed.poll(POLL, this::followProgress);
      }
      long snapshotTs = gate.snapshotTs();
      sourceCollections().forEach(targets::prepareLoaded);
      log.info("The snapshot of job {} is on the target: applying its changes after {}.", job.getJobId(),
          new HybridTimestamp(snapshotTs));
      consumer.subscribe(List.of(topic));
      while (!stop.isStopped()) {
        // Once this instance's partitions are drained to the fence, it waits on the other partitions' reports.
        boolean fenced = allPaused();
        applyPoll(snapshotTs, fenced ? Duration.ZERO : POLL);
        watermarks.due(System.currentTimeMillis()).forEach(this::report);
        feed.poll(fenced ? POLL : Duration.ZERO, this::followProgress);
        if (!verified) {
          live.follow(holdsPartitionZero());
        }
        verifyOnceDrained();
      }
    } finally {
      live.release();
    }
  }

  private boolean allPaused() {
    return !consumer.assignment().isEmpty() && consumer.paused().containsAll(consumer.assignment());
  }

  private boolean holdsPartitionZero() {
    return consumer.assignment().contains(new TopicPartition(topic, 0));
  }

  private void followProgress(Object payload) {
    gate.accept(payload);
    fences.accept(payload);
  }

  /**
   * Once every partition was drained to the stop-sync fence (by any instance), the instance that
   * holds partition 0 verifies every collection of the job; the job then ends SUCCESSFUL if all pass.
   */
  private void verifyOnceDrained() {
    if (verified || !fences.complete() || !holdsPartitionZero()) {
      return;
    }
    live.close();
    log.info("Job {}: every mutations partition is drained to the stop-sync fence; verifying.", job.getJobId());
    List<CollectionSchema> collections = sourceCollections();
    // Named in the job's status first, so that it cannot end before the last of them is verified.
    collections.forEach(schema -> progress.collectionCopied(JobTargets.source(schema), 0, false));
    finisher.finishAtCutover(collections, targets::prepare);
    verified = true;
  }

  private void applyPoll(long snapshotTs, Duration timeout) {
    ConsumerRecords<String, PipelineEvent> records = poll(timeout);
    if (records.isEmpty() || stop.isStopped()) {
      return;
    }
    MutationFold fold = new MutationFold(snapshotTs);
    long bytes = 0;
    for (ConsumerRecord<String, PipelineEvent> record : records) {
      read(fold, record);
      bytes += Math.max(0, record.serializedValueSize());
    }
    ApplyPlan plan = fold.plan();
    writer.write(plan);
    metrics.mutationsApplied(plan, bytes);
    if (commit(records)) {
      watermarks.committed(fold.progress());
      drainedThisPoll.forEach(this::fenceDrained);
    }
    drainedThisPoll.clear();
  }

  /** Everything before the fence in this partition is on the target and committed; nothing follows it. */
  private void fenceDrained(int partition, Marker fence) {
    progress.fenceDrained(partition, fence.getTs(), fence.getPartitions(), watermarks.rowsApplied(partition),
        instanceId);
    consumer.pause(List.of(new TopicPartition(topic, partition)));
    log.info("Job {}: mutations partition {} drained to the stop-sync fence.", job.getJobId(), partition);
  }

  private void read(MutationFold fold, ConsumerRecord<String, PipelineEvent> record) {
    Object payload = record.value() == null ? null : record.value().getPayload();
    if (payload instanceof Mutation mutation) {
      try {
        fold.add(record.partition(), record.key(), mutation);
      } catch (IllegalArgumentException e) {
        throw new JobFailure("The mutation in " + topic + " at partition " + record.partition() + ", offset "
            + record.offset() + " cannot be applied: " + e.getMessage() + "; check that cdc-capture and the sink run"
            + " compatible versions.", mutation.getDatabase(), mutation.getCollection(), e);
      }
    } else if (payload instanceof Heartbeat heartbeat) {
      fold.heartbeat(record.partition(), heartbeat.getSourceTs());
    } else if (payload instanceof CollectionSchema schema) {
      targets.prepareLoaded(schema);
    } else if (payload instanceof Marker marker && marker.getKind() == MarkerKind.STOP_SYNC_FENCE) {
      fold.heartbeat(record.partition(), marker.getTs());
      drainedThisPoll.put(record.partition(), marker);
    }
  }

  /** Commits every partition of the poll; false when a rebalance took partitions away meanwhile. */
  private boolean commit(ConsumerRecords<String, PipelineEvent> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<String, PipelineEvent>> inPartition = records.records(partition);
      offsets.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
    }
    try {
      consumer.commitSync(offsets);
      return true;
    } catch (CommitFailedException | RebalanceInProgressException e) {
      log.warn("Commit of job {}'s mutations failed after a rebalance; whoever reads them next applies them again,"
          + " which changes nothing: {}", job.getJobId(), e.getMessage());
      return false;
    }
  }

  private void report(Watermark watermark) {
    progress.sinkProgress(watermark.partition(), watermark.appliedTs(), watermark.rowsApplied(), instanceId);
  }
}
