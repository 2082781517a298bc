package dev.milvusmigrate.proxy;

import dev.milvusmigrate.milvus.api.AcknowledgedInsert;
import dev.milvusmigrate.milvus.api.AcknowledgedWrite;
import dev.milvusmigrate.milvus.api.KeptDynamicFields;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import io.grpc.Metadata;
import java.util.List;
import java.util.Optional;

/**
 * Durability before acknowledgement: reads the write's rows with the collection's schema and
 * appends its change record to the proxy's topic, returning only once Kafka acknowledged it. It
 * runs while the write still holds its keys, so what it reads back from the source is what the
 * write left there.
 */
final class KafkaRecorder implements WriteRecorder {

  private final SourceCalls schemas;
  private final ChangeLog log;

  KafkaRecorder(SourceCalls schemas, ChangeLog log) {
    this.schemas = schemas;
    this.log = log;
  }

  @Override
  public void record(AcknowledgedWrite write, Metadata headers, long intent, Optional<CollectionSchema> described) {
    CollectionSchema schema = described.orElseGet(() -> schemas.describe(headers, write.database(),
        write.collection()));
    log.append(ChangeRecords.of(withStoredDynamicFields(write, schema, headers), schema).setIntent(intent));
  }

  /** An upsert that carried no dynamic fields, with those the source kept ({@link KeptDynamicFields}). */
  private AcknowledgedWrite withStoredDynamicFields(AcknowledgedWrite write, CollectionSchema schema,
      Metadata headers) {
    if (!(write instanceof AcknowledgedInsert upsert)) {
      return write;
    }
    List<byte[]> queries = KeptDynamicFields.queries(upsert, schema, (int) WriteOrder.QUERY_WINDOW);
    if (queries.isEmpty()) {
      return write;
    }
    return KeptDynamicFields.read(upsert, schema,
        queries.stream().map(query -> schemas.query(headers, upsert.collection(), query)).toList());
  }
}
