package dev.milvusmigrate.schemas.serde;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde of a contract that people read and write with any Kafka tool: JSON with the
 * schema's field names, documented by {@code json/<Record>.schema.json} in this module.
 */
public final class JsonSerde<T extends SpecificRecordBase> implements Serde<T> {

  private final JsonSerializer<T> serializer;
  private final JsonDeserializer<T> deserializer;

  private JsonSerde(Class<T> type) {
    this.serializer = new JsonSerializer<>(type);
    this.deserializer = new JsonDeserializer<>(type);
  }

  public static <T extends SpecificRecordBase> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(type);
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
