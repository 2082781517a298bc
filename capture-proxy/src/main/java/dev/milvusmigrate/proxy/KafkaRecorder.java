package dev.milvusmigrate.proxy;

import dev.milvusmigrate.milvus.api.AcknowledgedWrite;
import io.grpc.Metadata;

/**
 * Durability before acknowledgement: reads the write's rows with the collection's schema and
 * appends its change record to the proxy's topic, returning only once Kafka acknowledged it.
 */
final class KafkaRecorder implements WriteRecorder {

  private final SourceCalls schemas;
  private final ChangeLog log;

  KafkaRecorder(SourceCalls schemas, ChangeLog log) {
    this.schemas = schemas;
    this.log = log;
  }

  @Override
  public void record(AcknowledgedWrite write, Metadata headers, long intent) {
    log.append(ChangeRecords.of(write, schemas.describe(headers, write.database(), write.collection()))
        .setIntent(intent));
  }
}
