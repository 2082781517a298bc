package dev.milvusmigrate.kafka;

import java.util.Arrays;
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

  /** The kind an announcement names; empty for a kind this version does not know. */
  public static Optional<ServiceKind> of(String label) {
    return Arrays.stream(values()).filter(kind -> kind.label.equals(label)).findFirst();
  }
}
