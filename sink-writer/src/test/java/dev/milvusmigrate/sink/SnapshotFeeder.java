package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.RecordKeys;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.milvus.Page;
import dev.milvusmigrate.milvus.PageRequest;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.EntityBatch;
import dev.milvusmigrate.schemas.avro.Marker;
import dev.milvusmigrate.schemas.avro.MarkerKind;
import dev.milvusmigrate.schemas.avro.SnapshotEvent;
import dev.milvusmigrate.verification.CollectionVerifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Plays the snapshot exporter's role in tests: reads a source collection partition by partition
 * with the adapter and publishes its schema, its batches and SNAPSHOT_END on the snapshot topic,
 * all under the collection's key, in Kafka transactions.
 */
final class SnapshotFeeder implements AutoCloseable {

  private final KafkaProducer<String, SnapshotEvent> producer;
  private final String topic;
  private final String jobId;

  SnapshotFeeder(KafkaClients clients, String topic, String jobId) {
    this.producer = clients.transactionalProducer(SnapshotEvent.class, "feeder-" + jobId);
    this.topic = topic;
    this.jobId = jobId;
  }

  /** The source collection's batches of at most {@code rowsPerBatch} rows, chunk numbers from 0. */
  static List<EntityBatch> batches(MilvusSession source, String database, String collection, int rowsPerBatch) {
    CollectionSchema schema = source.catalog().describeCollection(new CollectionName(database,
        collection)).orElseThrow();
    String pk = CollectionVerifier.primaryKeyField(schema);
    List<EntityBatch> batches = new ArrayList<>();
    long rowsBefore = 0;
    for (String partition : schema.getPartitions()) {
      Object after = null;
      while (true) {
        Page page = source.reader().readPage(new PageRequest(new CollectionName(database, collection), partition, pk,
            after,
            rowsPerBatch, List.of(), 0));
        if (page.isEmpty()) {
          break;
        }
        batches.add(EntityBatch.newBuilder().setJobId("feeder").setDatabase(database).setCollection(collection)
            .setPartition(partition).setChunk(batches.size()).setRowCount(page.rowCount()).setSnapshotTs(1L)
            .setRowsBefore(rowsBefore).setFirstPk(page.firstPk()).setLastPk(page.lastPk())
            .setColumns(page.columns()).build());
        rowsBefore += page.rowCount();
        after = page.lastPk();
      }
    }
    return batches;
  }

  void schema(CollectionSchema schema) {
    send(schema.getDatabase(), schema.getCollection(), schema);
  }

  void batches(List<EntityBatch> batches) {
    batches.forEach(batch -> send(batch.getDatabase(), batch.getCollection(), batch));
  }

  void end(String database, String collection, long rowsRead) {
    send(database, collection, Marker.newBuilder().setKind(MarkerKind.SNAPSHOT_END).setJobId(jobId)
        .setDatabase(database).setCollection(collection).setTs(1L).setRowsRead(rowsRead).build());
  }

  private void send(String database, String collection, Object payload) {
    producer.beginTransaction();
    producer.send(new ProducerRecord<>(topic, RecordKeys.collection(database, collection), new SnapshotEvent(payload)));
    producer.commitTransaction();
  }

  @Override
  public void close() {
    producer.close();
  }
}
