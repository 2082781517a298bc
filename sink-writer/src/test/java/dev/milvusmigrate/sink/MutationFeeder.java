package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.RecordKeys;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.Heartbeat;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.MutationOp;
import dev.milvusmigrate.schemas.avro.PipelineEvent;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;

/**
 * Plays cdc-capture's role in tests: publishes one-row mutations keyed by entity, and schemas and
 * heartbeats to every partition of the mutations topic, each call in one Kafka transaction.
 */
final class MutationFeeder implements AutoCloseable {

  private final KafkaProducer<String, PipelineEvent> producer;
  private final String topic;
  private final String jobId;

  MutationFeeder(KafkaClients clients, String topic, String jobId) {
    this.producer = clients.transactionalProducer(PipelineEvent.class, "capture-" + jobId);
    this.topic = topic;
    this.jobId = jobId;
  }

  void schema(CollectionSchema schema) {
    toEveryPartition(schema);
  }

  void heartbeat(long sourceTs) {
    toEveryPartition(new Heartbeat(jobId, sourceTs, "capture-it", null, System.currentTimeMillis()));
  }

  /** An INSERT or UPSERT of one entity, given as one-row columns. */
  void write(MutationOp op, String database, String collection, String partition, Object key, List<Column> row,
      long sourceTs) {
    send(key(database, collection, key), mutation(op, database, collection, partition, sourceTs).setColumns(row)
        .build());
  }

  void delete(String database, String collection, String partition, Object key, PrimaryKeys primaryKey,
      long sourceTs) {
    send(key(database, collection, key), mutation(MutationOp.DELETE, database, collection, partition, sourceTs)
        .setPrimaryKeys(primaryKey).build());
  }

  private Mutation.Builder mutation(MutationOp op, String database, String collection, String partition,
      long sourceTs) {
    return Mutation.newBuilder().setJobId(jobId).setOp(op).setSourceTs(sourceTs).setDatabase(database)
        .setCollection(collection).setPartition(partition).setRowCount(1);
  }

  private static String key(String database, String collection, Object primaryKey) {
    return RecordKeys.entity(database, collection, primaryKey);
  }

  private void send(String key, Object payload) {
    producer.beginTransaction();
    producer.send(new ProducerRecord<>(topic, key, new PipelineEvent(payload)));
    producer.commitTransaction();
  }

  private void toEveryPartition(Object payload) {
    producer.beginTransaction();
    for (PartitionInfo partition : producer.partitionsFor(topic)) {
      producer.send(new ProducerRecord<>(topic, partition.partition(), null, new PipelineEvent(payload)));
    }
    producer.commitTransaction();
  }

  @Override
  public void close() {
    producer.close();
  }
}
