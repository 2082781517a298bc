package dev.milvusmigrate.exporter;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.RecordKeys;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.ExporterCheckpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The job's committed exporter checkpoints, read once at start from the whole checkpoints topic
 * (read_committed, so an aborted transaction of a fenced predecessor is invisible).
 */
final class CheckpointStore {

  private static final Duration POLL = Duration.ofMillis(200);

  private final Map<String, List<ExporterCheckpoint>> byCollection = new HashMap<>();

  CheckpointStore(Iterable<ExporterCheckpoint> oldestFirst) {
    Map<String, ExporterCheckpoint> newest = new HashMap<>();
    for (ExporterCheckpoint checkpoint : oldestFirst) {
      newest.put(RecordKeys.partition(checkpoint.getDatabase(), checkpoint.getCollection(), checkpoint.getPartition()),
          checkpoint);
    }
    newest.values().forEach(checkpoint -> byCollection.computeIfAbsent(
        RecordKeys.collection(checkpoint.getDatabase(), checkpoint.getCollection()), k -> new ArrayList<>())
        .add(checkpoint));
  }

  /** Reads every committed checkpoint of the job, oldest first, up to the end of the topic as of now. */
  static CheckpointStore read(KafkaClients clients, TopicNames topics, JobId job, String clientId, StopSignal stop) {
    List<ExporterCheckpoint> all = new ArrayList<>();
    try (KafkaConsumer<String, ExporterCheckpoint> consumer =
        clients.consumer(ExporterCheckpoint.class, clientId, clientId)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topics.exporterCheckpoints(job)).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        stop.check();
        consumer.poll(POLL).forEach(record -> {
          if (record.value() != null) {
            all.add(record.value());
          }
        });
      }
    }
    return new CheckpointStore(all);
  }

  CollectionResume resume(String database, String collection) {
    List<ExporterCheckpoint> checkpoints = byCollection.get(RecordKeys.collection(database, collection));
    return checkpoints == null ? CollectionResume.fresh() : CollectionResume.of(checkpoints);
  }

  /** The snapshot timestamp of an earlier run of the job, if one committed anything. */
  OptionalLong snapshotTs() {
    return byCollection.values().stream().flatMap(List::stream).mapToLong(ExporterCheckpoint::getSnapshotTs).min();
  }

  int size() {
    return byCollection.values().stream().mapToInt(List::size).sum();
  }
}
