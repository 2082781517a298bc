package dev.milvusmigrate.e2e;

/** One fault the fault suite injects into a running zero-downtime migration. */
enum Fault {
  KILL_EXPORTER("kill -9 of snapshot-exporter, restarted"),
  KILL_CAPTURE("kill -9 of cdc-capture, restarted"),
  KILL_SINK("kill -9 of sink-writer, restarted"),
  KILL_LAG_MONITOR("kill -9 of lag-monitor, restarted"),
  BROKER_RESTART("pipeline Kafka broker restarted"),
  TARGET_DOWN("target Milvus stopped for 30 s, then started"),
  SOURCE_RESTART("source Milvus stopped and started again");

  private final String description;

  Fault(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }

  /** The job stage a fault is aimed at. */
  enum Phase {
    SNAPSHOT, SYNC
  }
}
