package dev.milvusmigrate.exporter;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.RecordKeys;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.EntityBatch;
import dev.milvusmigrate.schemas.avro.ExporterCheckpoint;
import dev.milvusmigrate.schemas.avro.Marker;
import dev.milvusmigrate.schemas.avro.MarkerKind;
import dev.milvusmigrate.schemas.avro.SnapshotEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The records of one exporter transaction of a collection, in order: its schema (first
 * transaction only), a batch, the SNAPSHOT_END marker (last transaction only), and the
 * checkpoint of the partition. Snapshot events share the collection's key, so they stay in order.
 */
final class SnapshotTransaction {

  private final TopicNames topics;
  private final JobId job;
  private final CollectionName name;
  private final List<ProducerRecord<String, SpecificRecordBase>> records = new ArrayList<>();
  private int batchRows;
  private int batches;

  SnapshotTransaction(TopicNames topics, JobId job, CollectionName name) {
    this.topics = topics;
    this.job = job;
    this.name = name;
  }

  SnapshotTransaction schema(CollectionSchema schema) {
    return snapshotEvent(new SnapshotEvent(schema));
  }

  SnapshotTransaction batch(EntityBatch batch) {
    batchRows += batch.getRowCount();
    batches++;
    return snapshotEvent(new SnapshotEvent(batch));
  }

  SnapshotTransaction snapshotEnd(long snapshotTs, long rowsRead) {
    Marker end = Marker.newBuilder().setKind(MarkerKind.SNAPSHOT_END).setJobId(job.value()).setDatabase(name.database())
        .setCollection(name.collection()).setTs(snapshotTs).setRowsRead(rowsRead).build();
    return snapshotEvent(new SnapshotEvent(end));
  }

  SnapshotTransaction checkpoint(ExporterCheckpoint checkpoint) {
    records.add(new ProducerRecord<>(topics.exporterCheckpoints(job),
        RecordKeys.partition(name.database(), name.collection(), checkpoint.getPartition()), checkpoint));
    return this;
  }

  List<ProducerRecord<String, SpecificRecordBase>> records() {
    return List.copyOf(records);
  }

  int batchRows() {
    return batchRows;
  }

  int batches() {
    return batches;
  }

  private SnapshotTransaction snapshotEvent(SnapshotEvent event) {
    String key = RecordKeys.collection(name.database(), name.collection());
    records.add(new ProducerRecord<>(topics.snapshot(job), key, event));
    return this;
  }
}
