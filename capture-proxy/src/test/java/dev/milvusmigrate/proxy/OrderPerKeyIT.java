package dev.milvusmigrate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Order per key with concurrent pymilvus writers upserting the same hot keys and deleting by filter
 * through the proxy into Milvus Lite (which returns no timestamps): replaying the proxy's topic in
 * its order gives exactly the source's final state.
 */
@ExtendWith({MilvusLiteExtension.class, KafkaBrokerExtension.class})
class OrderPerKeyIT {

  private final String name = "hot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

  @Test
  void replayingTheLogGivesTheSourcesFinalState(MilvusLiteServer source, KafkaBroker kafka) throws Exception {
    ProxyConfig config = ProxyScripts.config(Map.of("source.uri", source.uri(), "kafka.bootstrap",
        kafka.bootstrapServers(), "kafka.topic-prefix", name, "proxy.source-id", "lite"));
    AtomicInteger recorded = new AtomicInteger();
    List<String> lines;
    try (PassThroughServer proxy = PassThroughServer.startRecording(config, write -> recorded.incrementAndGet(),
        () -> { })) {
      lines = ProxyScripts.run("hot_keys.py", ProxyScripts.uri(proxy), name, "6", "30");
    }
    Map<Long, Long> sourceState = new TreeMap<>();
    JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject().getAsJsonObject("final").entrySet()
        .forEach(entry -> sourceState.put(Long.parseLong(entry.getKey()), entry.getValue().getAsLong()));

    Map<Long, Long> replayed = new TreeMap<>();
    List<ProxyChange> log = ProxyScripts.recordedWrites(kafka, config.changesTopic());
    log.forEach(change -> apply(change, replayed));

    assertThat(log).hasSize(recorded.get());
    assertThat(log).filteredOn(change -> change.getKind() == ProxyChangeKind.UPSERT).hasSize(6 * 30);
    assertThat(log).filteredOn(change -> change.getKind() == ProxyChangeKind.DELETE).isNotEmpty();
    assertThat(sourceState).isNotEmpty();
    assertThat(replayed).isEqualTo(sourceState);
  }

  private static void apply(ProxyChange change, Map<Long, Long> state) {
    if (change.getKind() == ProxyChangeKind.DELETE) {
      for (long key : longs(change.getPrimaryKeys().getKeys())) {
        state.remove(key);
      }
      return;
    }
    long[] keys = longs(column(change, "id"));
    long[] values = longs(column(change, "n"));
    for (int row = 0; row < keys.length; row++) {
      state.put(keys[row], values[row]);
    }
  }

  private static Object column(ProxyChange change, String field) {
    return change.getColumns().stream().filter(column -> column.getFieldName().equals(field)).findFirst()
        .map(Column::getValues).orElseThrow();
  }

  private static long[] longs(Object values) {
    return LittleEndianPacker.unpackLongs(((PackedValues) values).getData().duplicate());
  }
}
