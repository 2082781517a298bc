package dev.milvusmigrate.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.capture.DmlTopicReader.WalRecord;
import dev.milvusmigrate.milvus.wal.WalDelete;
import dev.milvusmigrate.milvus.wal.WalEvent;
import dev.milvusmigrate.milvus.wal.WalInsert;
import dev.milvusmigrate.milvus.wal.WalKeys;
import dev.milvusmigrate.milvus.wal.WalRecordDecoder;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.milvus.Milvus22Environment;
import dev.milvusmigrate.testkit.milvus.Milvus22StandaloneServer;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import dev.milvusmigrate.testkit.python.PyMilvus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ground truth for capturing Milvus 2.2.16: on Kafka it writes its inserts and deletes to the one
 * DML topic {@code <prefix>-rootcoord-dml_0} in the format capture decodes for 2.3 (column-based
 * inserts with per-row timestamps, deletes with their keys). pymilvus inserts 20 entities and
 * deletes every tenth. This also shows the test kit's Kafka config of 2.2.16 works.
 */
class Milvus22KafkaWalIT {

  private static final String PREFIX = "wal22";
  private static final String COLLECTION = "logged";

  @Test
  void insertsAndDeletesAreOnTheOneDmlTopicInTheFormatCaptureDecodes() {
    String bootstrap = KafkaBroker.shared().bootstrapServers();
    try (Milvus22StandaloneServer server = Milvus22StandaloneServer.start(Milvus22Environment.shared(),
            StandaloneOptions.onKafka(bootstrap).withClusterPrefix(PREFIX));
        DmlTopicReader reader = new DmlTopicReader(bootstrap, PREFIX + "-rootcoord-dml_")) {
      PyMilvus.shared().run(PyMilvus.script("milvus22_collections.py"), Duration.ofMinutes(2),
          List.of("create", "--uri", server.uri(), "--collection", COLLECTION, "--rows", "20"));
      WalRecordDecoder decoder = new WalRecordDecoder();

      List<WalRecord> records = await("the insert and the delete of " + COLLECTION).atMost(Duration.ofMinutes(1))
          .until(reader::poll, seen -> seen.stream().map(record -> decoder.decode(record.topic(), record.value()))
              .anyMatch(event -> event instanceof WalDelete delete && delete.collectionName().equals(COLLECTION)));
      List<WalEvent> events = records.stream().map(record -> decoder.decode(record.topic(), record.value()))
          .filter(event -> event instanceof WalInsert || event instanceof WalDelete).toList();

      assertThat(records).extracting(WalRecord::topic).containsOnly(server.dmlTopic());
      assertThat(server.directory().resolve("data/rocksmq")).as("2.2 takes rocksmq when its path is set")
          .doesNotExist();
      assertThat(events).hasSize(2);
      WalInsert insert = (WalInsert) events.get(0);
      assertThat(insert.collectionName()).isEqualTo(COLLECTION);
      assertThat(insert.timestamps()).hasSize(20);
      WalDelete delete = (WalDelete) events.get(1);
      assertThat(delete.keys()).isEqualTo(new WalKeys.Int64(List.of(0L, 10L)));
      assertThat(delete.collectionId()).isEqualTo(insert.collectionId());
    }
  }
}
