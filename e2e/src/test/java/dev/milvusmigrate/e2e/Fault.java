package dev.milvusmigrate.e2e;

/** One fault the fault suite injects into a running zero-downtime migration. */
enum Fault {
  KILL_EXPORTER("kill -9 of snapshot-exporter, restarted"),
  KILL_CAPTURE("kill -9 of cdc-capture, restarted"),
  KILL_SINK("kill -9 of sink-writer, restarted"),
  KILL_LAG_MONITOR("kill -9 of lag-monitor, restarted"),
  BROKER_RESTART("pipeline Kafka broker restarted"),
  TARGET_DOWN("target Milvus stopped for 30 s, then started"),
  SOURCE_RESTART("source Milvus stopped and started again"),
  BROKER_KILL("kill -9 of the pipeline Kafka broker, restarted"),
  SINK_SCALE("sink-writer scaled from 1 to 3 instances and back to 1"),
  PROXY_KILL("kill -9 of the capture-proxy the writers write through, restarted"),
  SOURCE_LOG_DOWN("the source's log Kafka (or Pulsar) stopped for 30 s, then started"),
  SINK_CUT_OFF("sink-writer cut off from the target for 20 s (its network namespace's link down)"),
  EXPORTER_CUT_OFF("snapshot-exporter cut off from the source for 20 s (its network namespace's link down)"),
  CAPTURE_CUT_OFF("cdc-capture cut off from the source's log Kafka for 60 s (its network namespace's link down)"),
  CAPTURE_LOSSY("30% packet loss and 200 ms delay between cdc-capture and the source's log Kafka for 60 s"
      + " (nftables and a delaying relay on its network namespace's link)"),
  TWO_JOBS("a second zero-downtime job, of another database, on the same services, cancelled midway");

  private final String description;

  Fault(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }

  /** Whether a run with this fault captures through a capture-proxy that the writers write through. */
  boolean needsProxy() {
    return this == PROXY_KILL;
  }

  /** The job stage a fault is aimed at. */
  enum Phase {
    SNAPSHOT, SYNC
  }
}
