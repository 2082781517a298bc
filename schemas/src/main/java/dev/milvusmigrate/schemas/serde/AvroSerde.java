package dev.milvusmigrate.schemas.serde;

import java.util.Collection;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serde of one contract type in Avro single-object encoding; no schema registry needed. */
public final class AvroSerde<T extends SpecificRecordBase> implements Serde<T> {

  private final AvroSerializer<T> serializer;
  private final AvroDeserializer<T> deserializer;

  private AvroSerde(Class<T> type, Collection<Schema> olderWriterSchemas) {
    this.serializer = new AvroSerializer<>(type);
    this.deserializer = new AvroDeserializer<>(type, olderWriterSchemas);
  }

  public static <T extends SpecificRecordBase> AvroSerde<T> of(Class<T> type) {
    return new AvroSerde<>(type, List.of());
  }

  /** A serde that also reads bytes written with the given older versions of the schema. */
  public static <T extends SpecificRecordBase> AvroSerde<T> of(Class<T> type, Collection<Schema> olderWriterSchemas) {
    return new AvroSerde<>(type, olderWriterSchemas);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
