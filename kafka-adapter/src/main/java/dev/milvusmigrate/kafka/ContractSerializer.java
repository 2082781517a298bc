package dev.milvusmigrate.kafka;

import dev.milvusmigrate.schemas.serde.AvroSerializer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes any contract record with the single-object encoding of its own class, so one
 * producer (and so one transaction) can write different contracts to different topics.
 */
public final class ContractSerializer implements Serializer<SpecificRecordBase> {

  private final Map<Class<?>, AvroSerializer<SpecificRecordBase>> byType = new ConcurrentHashMap<>();

  @Override
  public byte[] serialize(String topic, SpecificRecordBase record) {
    if (record == null) {
      return null;
    }
    return byType.computeIfAbsent(record.getClass(), ContractSerializer::serializerOf).serialize(topic, record);
  }

  @SuppressWarnings("unchecked")
  private static AvroSerializer<SpecificRecordBase> serializerOf(Class<?> type) {
    return new AvroSerializer<>((Class<SpecificRecordBase>) type);
  }
}
