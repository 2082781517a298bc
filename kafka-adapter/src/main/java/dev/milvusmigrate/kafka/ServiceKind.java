package dev.milvusmigrate.kafka;

import dev.milvusmigrate.schemas.avro.JobMode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The job services that announce themselves ({@link PresencePublisher}), by the name users know them by. */
public enum ServiceKind {
  SNAPSHOT_EXPORTER("snapshot-exporter"),
  CDC_CAPTURE("cdc-capture"),
  SINK_WRITER("sink-writer");

  private final String label;

  ServiceKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The kinds a job of the mode needs: an offline job an exporter and a sink, a zero-downtime job a capture too. */
  public static List<ServiceKind> neededBy(JobMode mode) {
    return mode == JobMode.ZERO_DOWNTIME ? List.of(CDC_CAPTURE, SNAPSHOT_EXPORTER, SINK_WRITER)
        : List.of(SNAPSHOT_EXPORTER, SINK_WRITER);
  }

  /** The kind an announcement names; empty for a kind this version does not know. */
  public static Optional<ServiceKind> of(String label) {
    return Arrays.stream(values()).filter(kind -> kind.label.equals(label)).findFirst();
  }
}
