package dev.milvusmigrate.capture;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.CaptureCheckpoint;
import java.util.HashMap;
import java.util.Map;
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

  private final boolean started;
  private final boolean fenced;
  private final Map<LogChannel, Long> positions;

  private CaptureCheckpoints(boolean started, boolean fenced, Map<LogChannel, Long> positions) {
    this.started = started;
    this.fenced = fenced;
    this.positions = Map.copyOf(positions);
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

  static CaptureCheckpoints read(KafkaClients clients, TopicNames topics, JobId job, String clientId,
      BooleanSupplier stopped) {
    Map<LogChannel, Long> positions = new HashMap<>();
    boolean[] started = {false};
    boolean[] fenced = {false};
    clients.readToEnd(CaptureCheckpoint.class, topics.captureCheckpoints(job), clientId, stopped, checkpoint -> {
      if (checkpoint.getSourceTopic().equals(START_MARKER)) {
        started[0] = true;
      } else if (checkpoint.getSourceTopic().equals(FENCE_MARKER)) {
        fenced[0] = true;
      } else {
        positions.put(new LogChannel(checkpoint.getSourceTopic(), checkpoint.getSourcePartition()),
            checkpoint.getNextOffset());
      }
    });
    return new CaptureCheckpoints(started[0] || !positions.isEmpty(), fenced[0], positions);
  }
}
