package dev.milvusmigrate.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/** Writes a record in Avro single-object encoding: marker C3 01, 8-byte schema fingerprint, body. */
public final class AvroSerializer<T extends SpecificRecordBase> implements Serializer<T> {

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;

  public AvroSerializer(Class<T> type) {
    AvroTrust.install();
    SpecificData model = SpecificData.getForClass(type);
    this.type = type;
    this.encoder = new BinaryMessageEncoder<>(model, model.getSchema(type));
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      encoder.encode(record, out);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }
}
