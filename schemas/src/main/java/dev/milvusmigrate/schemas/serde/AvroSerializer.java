package dev.milvusmigrate.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/** Writes a record in Avro single-object encoding: marker C3 01, 8-byte schema fingerprint, body. */
public final class AvroSerializer<T extends SpecificRecordBase> implements Serializer<T> {

  private static final int FIRST_BUFFER_BYTES = 256;

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  /**
   * The size of the last record written: the next buffer starts that large, so a batch of several
   * MiB is not copied again and again while its buffer doubles.
   */
  private final AtomicInteger lastSize = new AtomicInteger(FIRST_BUFFER_BYTES);

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
    int expected = lastSize.get();
    ByteArrayOutputStream out = new ByteArrayOutputStream(expected + expected / 16);
    try {
      encoder.encode(record, out);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
    lastSize.set(Math.max(FIRST_BUFFER_BYTES, out.size()));
    return out.toByteArray();
  }
}
