package dev.milvusmigrate.exporter;

import dev.milvusmigrate.core.concurrent.StopSignal;
import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.RecordKeys;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.ExporterCheckpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The job's committed exporter checkpoints, read once at start from the whole checkpoints topic
 * (read_committed, so an aborted transaction of a fenced predecessor is invisible).
 */
final class CheckpointStore {


  private final Map<CollectionName, List<ExporterCheckpoint>> byCollection = new HashMap<>();

  CheckpointStore(Iterable<ExporterCheckpoint> oldestFirst) {
    Map<String, ExporterCheckpoint> newest = new HashMap<>();
    for (ExporterCheckpoint checkpoint : oldestFirst) {
      newest.put(RecordKeys.partition(checkpoint.getDatabase(), checkpoint.getCollection(), checkpoint.getPartition()),
          checkpoint);
    }
    newest.values().forEach(checkpoint -> byCollection.computeIfAbsent(
        new CollectionName(checkpoint.getDatabase(), checkpoint.getCollection()), k -> new ArrayList<>())
        .add(checkpoint));
  }

  /** Reads every committed checkpoint of the job, oldest first, up to the end of the topic as of now. */
  static CheckpointStore read(KafkaClients clients, TopicNames topics, JobId job, String clientId, StopSignal stop) {
    List<ExporterCheckpoint> all = new ArrayList<>();
    clients.readToEnd(ExporterCheckpoint.class, topics.exporterCheckpoints(job), clientId, stop::isStopped, all::add);
    stop.check();
    return new CheckpointStore(all);
  }

  CollectionResume resume(CollectionName name) {
    List<ExporterCheckpoint> checkpoints = byCollection.get(name);
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
