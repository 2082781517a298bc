package dev.milvusmigrate.capture;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.CaptureCheckpoint;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The job's committed capture positions, read from the whole compacted checkpoints topic
 * (read_committed: what an aborted or fenced transaction wrote is invisible). The newest record
 * per source channel wins.
 */
final class CaptureCheckpoints {

  /** Source topic of the record that marks a fixed start. */
  static final String START_MARKER = "*";
  /** Source topic of the record that marks the stop-sync fence as written: capture of the job is over. */
  static final String FENCE_MARKER = "!fence";
  /**
   * Prefix of the source topic of a record naming a source entry to handle again at the fence
   * ({@link EntryHandler#settleAgainAtFence}); its offset is the entry's. Kafka topic names hold
   * neither '?' nor ':', so the prefix cannot be a topic's name.
   */
  static final String AGAIN_AT_FENCE = "?again:";

  private final boolean started;
  private final boolean fenced;
  private final Map<LogChannel, Long> positions;
  private final Set<WalPosition> againAtFence;

  private CaptureCheckpoints(boolean started, boolean fenced, Map<LogChannel, Long> positions,
      Set<WalPosition> againAtFence) {
    this.started = started;
    this.fenced = fenced;
    this.positions = Map.copyOf(positions);
    this.againAtFence = Set.copyOf(againAtFence);
  }

  /** Whether the stop-sync fence was written: the job's capture is complete. */
  boolean fenced() {
    return fenced;
  }

  /** Whether capture of the job fixed its start positions before (then channels not listed appeared later). */
  boolean started() {
    return started;
  }

  /** Source channel → offset to read next, as committed. */
  Map<LogChannel, Long> positions() {
    return positions;
  }

  /** The source entries committed before as to be handled again at the fence. */
  Set<WalPosition> againAtFence() {
    return againAtFence;
  }

  /** Key of the record naming an entry to handle again at the fence: one record per entry, kept by compaction. */
  static String againAtFenceKey(WalPosition entry) {
    return AGAIN_AT_FENCE + entry.topic() + "-" + entry.partition() + "@" + entry.offset();
  }

  static CaptureCheckpoints read(KafkaClients clients, TopicNames topics, JobId job, String clientId,
      BooleanSupplier stopped) {
    Map<LogChannel, Long> positions = new HashMap<>();
    boolean[] started = {false};
    boolean[] fenced = {false};
    Set<WalPosition> againAtFence = new HashSet<>();
    clients.readToEnd(CaptureCheckpoint.class, topics.captureCheckpoints(job), clientId, stopped, checkpoint -> {
      if (checkpoint.getSourceTopic().equals(START_MARKER)) {
        started[0] = true;
      } else if (checkpoint.getSourceTopic().equals(FENCE_MARKER)) {
        fenced[0] = true;
      } else if (checkpoint.getSourceTopic().startsWith(AGAIN_AT_FENCE)) {
        againAtFence.add(new WalPosition(checkpoint.getSourceTopic().substring(AGAIN_AT_FENCE.length()),
            checkpoint.getSourcePartition(), checkpoint.getNextOffset()));
      } else {
        positions.put(new LogChannel(checkpoint.getSourceTopic(), checkpoint.getSourcePartition()),
            checkpoint.getNextOffset());
      }
    });
    return new CaptureCheckpoints(started[0] || !positions.isEmpty(), fenced[0], positions, againAtFence);
  }
}
