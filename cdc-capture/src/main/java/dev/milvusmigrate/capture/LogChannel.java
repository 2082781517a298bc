package dev.milvusmigrate.capture;

/** One channel of the source's log (for Milvus 2.2.16-2.5 on Kafka: a DML topic and its partition). */
public record LogChannel(String name, int partition) {

  @Override
  public String toString() {
    return name + "-" + partition;
  }
}
