package dev.milvusmigrate.kafka;

import dev.milvusmigrate.schemas.serde.ContractSerde;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes any contract record in the wire format of its own class ({@link ContractSerde}), so
 * one producer (and so one transaction) can write different contracts to different topics.
 */
public final class ContractSerializer implements Serializer<SpecificRecordBase> {

  private final Map<Class<?>, Serializer<SpecificRecordBase>> byType = new ConcurrentHashMap<>();

  @Override
  public byte[] serialize(String topic, SpecificRecordBase record) {
    if (record == null) {
      return null;
    }
    return byType.computeIfAbsent(record.getClass(), ContractSerializer::serializerOf).serialize(topic, record);
  }

  @SuppressWarnings("unchecked")
  private static Serializer<SpecificRecordBase> serializerOf(Class<?> type) {
    return ContractSerde.of((Class<SpecificRecordBase>) type).serializer();
  }
}
