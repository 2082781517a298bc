package dev.milvusmigrate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Durability before acknowledgement, with pymilvus writing through the proxy into Milvus Lite: every
 * write the client saw acknowledged is on the proxy's topic, in the order the client made them, and
 * with Kafka gone the client's write fails instead of succeeding unrecorded.
 */
@ExtendWith({MilvusLiteExtension.class, KafkaBrokerExtension.class})
class DurableRecordingIT {


  private final String name = "durable_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

  @Test
  void everyAcknowledgedWriteIsOnTheTopicInOrder(MilvusLiteServer source, KafkaBroker kafka) throws Exception {
    ProxyConfig config = recordingConfig(source, kafka.bootstrapServers(), "30s");
    List<String> acknowledged;
    try (PassThroughServer proxy = PassThroughServer.startRecording(config, write -> { }, () -> { })) {
      acknowledged = ProxyScripts.run("writes.py", ProxyScripts.uri(proxy), name, "sequence");
    }

    List<ProxyChange> recorded = ProxyScripts.recordedWrites(kafka, config.changesTopic());
    assertThat(acknowledged).hasSize(5);
    assertThat(recorded).extracting(DurableRecordingIT::label)
        .containsExactlyElementsOf(acknowledged.stream().map(DurableRecordingIT::label).toList());
    assertThat(recorded).extracting(ProxyChange::getSequence).isSorted().doesNotHaveDuplicates();
    assertThat(recorded).extracting(ProxyChange::getTs).isSorted().doesNotHaveDuplicates();
    assertThat(recorded).allSatisfy(change -> {
      assertThat(change.getDatabase()).isEqualTo("default");
      assertThat(change.getCollection()).isEqualTo(name);
    });
    assertThat(recorded).extracting(ProxyChange::getPartition).containsExactly("", "", "", "", "p1");
    List<ProxyChange> everything = ProxyScripts.recorded(kafka, config.changesTopic());
    assertThat(recorded).allSatisfy(write -> assertThat(everything.subList(0, everything.indexOf(write)))
        .as("the intent of %s, before it", write.getSequence())
        .anyMatch(intent -> intent.getKind() == ProxyChangeKind.INTENT && intent.getSequence() == write.getIntent()));
    ProxyChange upsert = recorded.get(1);
    assertThat(upsert.getColumns()).extracting(Column::getFieldName).containsExactlyInAnyOrder("id", "n", "embedding");
    assertThat(longs(column(upsert, "n"))).containsExactly(31L, 41L, 51L);
  }

  /**
   * Milvus answers an insert into a partition it lacks with an error status. An error answer does
   * not prove the write was not applied (a source whose log is down answers with an error and may
   * apply the write later), so its intent is settled UNKNOWN: capture reads the key from the source.
   */
  @Test
  void aWriteTheSourceAnswersWithAnErrorIsRecordedAsUnknown(MilvusLiteServer source, KafkaBroker kafka)
      throws Exception {
    ProxyConfig config = recordingConfig(source, kafka.bootstrapServers(), "30s");
    List<String> answered;
    try (PassThroughServer proxy = PassThroughServer.startRecording(config, write -> { }, () -> { })) {
      ProxyScripts.run("writes.py", ProxyScripts.uri(proxy), name, "sequence");
      answered = ProxyScripts.run("writes.py", ProxyScripts.uri(proxy), name, "insert", "5000", "no_such_partition");
    }

    assertThat(answered).singleElement().asString().startsWith("{\"error\":");
    List<ProxyChange> recorded = ProxyScripts.recorded(kafka, config.changesTopic());
    ProxyChange intent = recorded.stream().filter(r -> r.getKind() == ProxyChangeKind.INTENT
        && r.getPartition().equals("no_such_partition")).findFirst().orElseThrow();
    assertThat(recorded).filteredOn(r -> r.getIntent() == intent.getSequence())
        .extracting(ProxyChange::getKind).containsExactly(ProxyChangeKind.UNKNOWN);
  }

  @Test
  void withKafkaStoppedTheClientsInsertFailsAndIsNotForwarded(MilvusLiteServer source) throws Exception {
    KafkaBroker kafka = KafkaBroker.startSeparate();
    ProxyConfig config = recordingConfig(source, kafka.bootstrapServers(), "3s");
    try (PassThroughServer proxy = PassThroughServer.startRecording(config, write -> { }, () -> { })) {
      ProxyScripts.run("writes.py", ProxyScripts.uri(proxy), name, "sequence");
      kafka.close();

      List<String> lines = ProxyScripts.run("writes.py", ProxyScripts.uri(proxy), name, "insert");

      assertThat(lines).hasSize(1);
      JsonObject error = JsonParser.parseString(lines.get(0)).getAsJsonObject().getAsJsonObject("error");
      assertThat(error).as(lines.get(0)).isNotNull();
      assertThat(error.get("message").getAsString())
          .contains("could not record this write before forwarding it").contains("Kafka did not")
          .contains("nothing was written");
    }
  }

  private ProxyConfig recordingConfig(MilvusLiteServer source, String bootstrap, String timeout) {
    return ProxyScripts.config(Map.of("source.uri", source.uri(), "kafka.bootstrap", bootstrap,
        "kafka.topic-prefix", name, "proxy.source-id", "lite", "proxy.record-timeout", timeout));
  }

  /** A kind and the sorted keys, from the topic or from the script's line. */
  private static String label(ProxyChange change) {
    List<Long> keys = change.getPrimaryKeys() != null
        ? longs(change.getPrimaryKeys().getKeys())
        : longs(column(change, "id"));
    return change.getKind() + " " + keys.stream().sorted().toList();
  }

  private static String label(String line) {
    JsonObject json = JsonParser.parseString(line).getAsJsonObject();
    List<Long> keys = json.getAsJsonArray("keys").asList().stream().map(key -> key.getAsLong()).toList();
    return json.get("kind").getAsString() + " " + keys;
  }

  private static Object column(ProxyChange change, String field) {
    return change.getColumns().stream().filter(column -> column.getFieldName().equals(field)).findFirst()
        .orElseThrow().getValues();
  }

  private static List<Long> longs(Object values) {
    ByteBuffer packed = ((PackedValues) values).getData();
    return Arrays.stream(LittleEndianPacker.unpackLongs(packed.duplicate())).boxed().collect(Collectors.toList());
  }
}
