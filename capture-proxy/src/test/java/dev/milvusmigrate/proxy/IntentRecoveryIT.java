package dev.milvusmigrate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.core.domain.HybridTimestamp;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A run of the proxy that stopped between forwarding a write and recording its outcome leaves its
 * INTENT open in the topic, after its last tick; the next run settles it as UNKNOWN before it
 * forwards anything, and stamps and numbers its own records after it.
 */
@ExtendWith({MilvusLiteExtension.class, KafkaBrokerExtension.class})
class IntentRecoveryIT {

  private final String name = "recovery_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

  @Test
  void theNextRunSettlesAnOpenIntentAsUnknown(MilvusLiteServer source, KafkaBroker kafka) throws Exception {
    ProxyConfig config = ProxyScripts.config(Map.of("source.uri", source.uri(), "kafka.bootstrap",
        kafka.bootstrapServers(), "kafka.topic-prefix", name, "proxy.source-id", "lite"));
    try (PassThroughServer proxy = PassThroughServer.startRecording(config, write -> { }, () -> { })) {
      ProxyScripts.run("writes.py", ProxyScripts.uri(proxy), name, "sequence");
    }
    List<ProxyChange> firstRun = ProxyScripts.recorded(kafka, config.changesTopic());
    assertThat(firstRun).anyMatch(change -> change.getKind() == ProxyChangeKind.TICK);
    ProxyChange left = leftOpen(firstRun);
    append(kafka, config, left);

    try (PassThroughServer proxy = PassThroughServer.startRecording(config, write -> { }, () -> { })) {
      ProxyScripts.run("writes.py", ProxyScripts.uri(proxy), name, "insert");
    }

    List<ProxyChange> all = ProxyScripts.recorded(kafka, config.changesTopic());
    List<ProxyChange> secondRun = all.subList(firstRun.size() + 1, all.size()).stream()
        .filter(change -> change.getKind() != ProxyChangeKind.TICK).toList();
    ProxyChange unknown = secondRun.get(0);
    assertThat(unknown.getKind()).isEqualTo(ProxyChangeKind.UNKNOWN);
    assertThat(unknown.getIntent()).isEqualTo(left.getSequence());
    assertThat(unknown.getCollection()).isEqualTo(name);
    assertThat(unknown.getPrimaryKeys()).isEqualTo(left.getPrimaryKeys());
    assertThat(secondRun).extracting(ProxyChange::getSequence).allMatch(sequence -> sequence > left.getSequence());
    assertThat(secondRun).extracting(ProxyChange::getTs).allMatch(ts -> ts > left.getTs());
    assertThat(secondRun).anyMatch(change -> change.getKind() == ProxyChangeKind.INSERT);
  }

  /** An intent as a run that stopped right after recording it leaves it: its newest record, stamped a minute ahead. */
  private ProxyChange leftOpen(List<ProxyChange> firstRun) {
    long sequence = firstRun.stream().mapToLong(ProxyChange::getSequence).max().orElseThrow() + 1;
    long newest = firstRun.stream().mapToLong(ProxyChange::getTs).max().orElseThrow();
    long ts = HybridTimestamp.of(new HybridTimestamp(newest).physicalMillis() + 60_000, 0).value();
    return ProxyChange.newBuilder().setSequence(sequence).setKind(ProxyChangeKind.INTENT).setDatabase("default")
        .setCollection(name).setPartition("").setRowCount(2).setSourceTs(0).setTs(ts)
        .setPrimaryKeys(new PrimaryKeys("id", new PackedValues(LittleEndianPacker.packLongs(new long[] {1, 2}))))
        .build();
  }

  private static void append(KafkaBroker kafka, ProxyConfig config, ProxyChange intent) throws Exception {
    try (KafkaProducer<String, ProxyChange> producer = config.kafka().clients().producer(ProxyChange.class,
        "left-open")) {
      producer.send(new ProducerRecord<>(config.changesTopic(), null,
          new HybridTimestamp(intent.getTs()).physicalMillis(), "default." + intent.getCollection(), intent)).get();
    }
  }
}
