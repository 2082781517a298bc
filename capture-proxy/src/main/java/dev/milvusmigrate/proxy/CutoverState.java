package dev.milvusmigrate.proxy;

import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicReader;
import dev.milvusmigrate.schemas.avro.ProxyChange;

/** Reads the proxy's state topic: the committed outcomes of its cutovers, as a {@link CutoverOutcome}. */
final class CutoverState {

  private CutoverState() {}

  static CutoverOutcome read(KafkaClients clients, String stateTopic) {
    CutoverOutcome outcome = new CutoverOutcome();
    TopicReader.readAll(clients, stateTopic, ProxyChange.class).stream()
        .map(record -> record.value()).filter(value -> value != null).forEach(outcome::add);
    return outcome;
  }
}
